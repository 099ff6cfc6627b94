package org.pumaseg.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.pumaseg.image.ImagePlusConverter;
import org.pumaseg.testimages.SyntheticHeImage;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleService;

import ij.ImagePlus;
import ij.ImageStack;

/**
 * Preprocessing commands started at the same time in one SciJava context, as a Fiji user does
 * from two macro windows, give the outputs of the same commands run one after the other.
 */
class ConcurrentCommandsTest {

	private static Context context;

	@BeforeAll
	static void createContext() {
		context = new Context(CommandService.class, ModuleService.class);
	}

	@AfterAll
	static void disposeContext() {
		context.dispose();
	}

	private record Call(Class<? extends PumaSegCommand> command, Map<String, Object> inputs,
		String output) {}

	@Test
	void concurrentRunsMatchSequentialRuns() throws Exception {
		List<Call> calls = List.of(
			new Call(StainNormalizationCommand.class, Map.of("image", image(96, 11), "method",
				"macenko"), "normalized"),
			new Call(StainNormalizationCommand.class, Map.of("image", image(80, 12), "method",
				"reinhard"), "normalized"),
			new Call(IntensityNormalizationCommand.class, Map.of("image", image(64, 13), "method",
				"percentile", "low_percentile", 1.0, "high_percentile", 99.0), "normalized"),
			new Call(ColourDeconvolutionCommand.class, Map.of("image", image(72, 14), "output",
				ColourDeconvolutionCommand.DENSITY), "result"));

		List<List<Object>> sequential = new ArrayList<>();
		for (Call call : calls) {
			sequential.add(pixels(start(call).get(), call));
		}

		for (int round = 0; round < 3; round++) {
			List<Future<CommandModule>> running = new ArrayList<>();
			for (Call call : calls) {
				running.add(start(call));
			}
			for (int i = 0; i < calls.size(); i++) {
				List<Object> concurrent = pixels(running.get(i).get(), calls.get(i));
				assertEquals(sequential.get(i).size(), concurrent.size());
				for (int plane = 0; plane < concurrent.size(); plane++) {
					assertPlaneEquals(sequential.get(i).get(plane), concurrent.get(plane), calls.get(
						i).command().getSimpleName() + " plane " + (plane + 1) + ", round " + round);
				}
			}
		}
	}

	private static Future<CommandModule> start(Call call) {
		return context.service(CommandService.class).run(call.command(), true, call.inputs());
	}

	/** Returns copies of the output planes of a finished command. */
	private static List<Object> pixels(CommandModule module, Call call) {
		assertFalse(module.isCanceled(), () -> call.command().getSimpleName() + " canceled: " +
			module.getCancelReason());
		ImageStack stack = ((ImagePlus) module.getOutput(call.output())).getStack();
		List<Object> planes = new ArrayList<>();
		for (int plane = 1; plane <= stack.getSize(); plane++) {
			planes.add(stack.getProcessor(plane).duplicate().getPixels());
		}
		return planes;
	}

	private static void assertPlaneEquals(Object expected, Object actual, String description) {
		if (expected instanceof int[]) {
			assertArrayEquals((int[]) expected, (int[]) actual, description);
		}
		else {
			assertArrayEquals((float[]) expected, (float[]) actual, description);
		}
	}

	private static ImagePlus image(int size, long seed) {
		return ImagePlusConverter.toImagePlus(SyntheticHeImage.render(size, 0.25, seed));
	}
}
