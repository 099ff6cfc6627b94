package org.pumaseg.metrics;

import java.util.List;
import java.util.Objects;

import org.pumaseg.annotation.ClassifiedPolygon;

/**
 * Ground-truth and predicted nuclei of one image.
 *
 * @param name the image name, used in results and messages
 * @param truth ground-truth nuclei in file order (the order matters for greedy matching)
 * @param prediction predicted nuclei in file order
 */
public record ImagePair(String name, List<ClassifiedPolygon> truth,
	List<ClassifiedPolygon> prediction)
{

	public ImagePair {
		Objects.requireNonNull(name, "name");
		truth = List.copyOf(truth);
		prediction = List.copyOf(prediction);
	}
}
