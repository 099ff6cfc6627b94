package org.pumaseg.model;

import org.pumaseg.InvalidInputException;

/**
 * Builds the messages of {@link InvalidInputException}s about one model package. Each
 * message names the package, then the rdf.yaml field, package file or zip entry at fault,
 * states what is wrong and how to fix it: {@code Model package 'nuclei.zip', field
 * 'outputs[0].axes[2].halo': ... Fix: ...}.
 */
final class PackageErrors {

	/** Document that explains the fields of rdf.yaml and config.pumaseg. */
	static final String DOCS = "docs/model-package.md";

	private final String packageName;

	PackageErrors(String packageName) {
		this.packageName = packageName;
	}

	String packageName() {
		return packageName;
	}

	/** Errors about a zip inside this package, e.g. zipped weights. */
	PackageErrors within(String file) {
		return new PackageErrors(packageName + "' > '" + file);
	}

	/** Creates the error for an rdf.yaml field; {@code field} is a path such as inputs[0].axes[1]. */
	InvalidInputException field(String field, String problem, String fix) {
		return build("field '" + field + "'", problem, fix, null);
	}

	/** Creates the error for a file inside the package. */
	InvalidInputException file(String file, String problem, String fix) {
		return build("file '" + file + "'", problem, fix, null);
	}

	/** Creates the error for an entry of the package's zip file. */
	InvalidInputException entry(String entry, String problem, String fix) {
		return build("zip entry '" + entry + "'", problem, fix, null);
	}

	/** Creates the error for the package as a whole. */
	InvalidInputException whole(String problem, String fix, Throwable cause) {
		return build(null, problem, fix, cause);
	}

	/** Puts the package name in front of an error that names a file of the package. */
	InvalidInputException inPackage(InvalidInputException error) {
		return new InvalidInputException("Model package '" + packageName + "': " + error
			.getMessage(), error);
	}

	private InvalidInputException build(String where, String problem, String fix,
		Throwable cause)
	{
		String message = "Model package '" + packageName + "'" + (where == null ? "" : ", " +
			where) + ": " + problem + ". Fix: " + fix;
		return cause == null ? new InvalidInputException(message) : new InvalidInputException(
			message, cause);
	}
}
