package org.pumaseg.model;

import java.util.Objects;

/**
 * A person who made a model or its package, as listed under {@code authors} in rdf.yaml.
 *
 * @param name full name (required)
 * @param affiliation institute, or null
 * @param email e-mail address, or null
 * @param githubUser GitHub user name, or null
 * @param orcid ORCID iD such as {@code 0000-0001-2345-6789}, or null
 */
public record Author(String name, String affiliation, String email, String githubUser,
	String orcid)
{

	public Author {
		Objects.requireNonNull(name, "name");
	}

	/** An author known by name only. */
	public static Author named(String name) {
		return new Author(name, null, null, null, null);
	}
}
