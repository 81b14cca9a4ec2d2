-- The module's built-in AI Transparency IG package was renamed from aitrust.fixtures.aitransparency to
-- aitrust.aitransparency (version 0.1.0), which the module always loads from its classpath. A stored copy under the
-- old name, installed at run time by an earlier build, would define the same canonical resources a second time,
-- so it is deleted. Packages stored under any other name are kept.
DELETE FROM AITRUST_IG_PACKAGE WHERE PACKAGE_NAME = 'aitrust.fixtures.aitransparency';
