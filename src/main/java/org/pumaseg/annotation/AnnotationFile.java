package org.pumaseg.annotation;

import java.util.List;

/**
 * The objects read from one annotation file.
 *
 * @param source the file name or another label of the source, used in messages
 * @param format the format the content was recognised as
 * @param objects the objects in file order; a MultiPolygon feature stays one object
 * @param skippedPolygons polygons skipped for having fewer than 3 vertices, or no area left
 *        after {@link Validation#REPAIR}; always 0 with {@link Validation#STRICT}
 */
public record AnnotationFile(String source, AnnotationFormat format,
	List<ClassifiedPolygon> objects, int skippedPolygons)
{

	public AnnotationFile {
		objects = List.copyOf(objects);
	}
}
