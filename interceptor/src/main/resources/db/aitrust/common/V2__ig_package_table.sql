-- The IG packages installed at run time, so they survive a restart and every node of a cluster loads them when it
-- starts. As release 0.1.0 left it; IF NOT EXISTS for databases of that release (see ModuleSchema).
-- ${binaryType} is the engine's type for a package's bytes: BLOB on H2, BYTEA on PostgreSQL (DatabaseEngine).
CREATE TABLE IF NOT EXISTS AITRUST_IG_PACKAGE (
	PACKAGE_NAME VARCHAR(200) NOT NULL,
	PACKAGE_VERSION VARCHAR(100) NOT NULL,
	CONTENT ${binaryType} NOT NULL,
	INSTALLED_AT TIMESTAMP NOT NULL,
	PRIMARY KEY (PACKAGE_NAME, PACKAGE_VERSION)
);
