package org.aitrust.interceptor.security;

/**
 * The three kinds of access the module's own operations need, each granted by one OAuth scope the hospital's
 * identity provider issues ({@link ModuleScopes}). They are not SMART clinical scopes: SMART has no grammar for
 * "may install packages" or "may record a review", and inventing a {@code system/aitrust.admin} lookalike would be
 * read as a resource type by SMART-aware tools.
 */
public enum ModuleRole {
	/** Installs implementation guide packages and sees the installation. */
	ADMIN,
	/** Records clinician reviews of AI writes and reads the review worklist. */
	REVIEW,
	/** Reads the data-quality and oversight reports and the installation status. */
	REPORTS
}
