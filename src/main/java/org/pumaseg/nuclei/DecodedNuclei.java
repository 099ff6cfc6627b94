package org.pumaseg.nuclei;

import java.util.List;
import java.util.Objects;

import org.pumaseg.image.PixelSize;
import org.pumaseg.label.LabelImage;

/**
 * The nuclei found in one set of maps: a label image and one {@link NucleusInstance} per label.
 *
 * @param labels 0 for background, else the instance's label; labels are 1..n without gaps
 * @param nuclei the instances, nucleus i having label i + 1
 * @param classNames the classes the instances were voted among, in the model's channel order
 *          and without background; empty when the maps have no classes
 * @param pixelSize pixel size of the maps
 */
public record DecodedNuclei(LabelImage labels, List<NucleusInstance> nuclei,
	List<String> classNames, PixelSize pixelSize)
{

	public DecodedNuclei {
		Objects.requireNonNull(labels, "labels");
		Objects.requireNonNull(pixelSize, "pixelSize");
		nuclei = List.copyOf(nuclei);
		classNames = List.copyOf(classNames);
		for (int i = 0; i < nuclei.size(); i++) {
			if (nuclei.get(i).label() != i + 1) {
				throw new IllegalArgumentException("Nucleus at index " + i + " has label " + nuclei
					.get(i).label() + "; labels must be 1, 2, ... in order.");
			}
		}
	}

	public int count() {
		return nuclei.size();
	}
}
