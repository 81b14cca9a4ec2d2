package org.aitrust.interceptor.provenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.aitrust.provenance.AttachedModelCard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCardFilesTest {

	@TempDir
	Path dir;

	@Test
	void aMarkdownCardIsReadFromTheClasspathAndAJsonOneFromAFile() throws Exception {
		AttachedModelCard markdown = ModelCardFiles.read("classpath:model-cards/scribe-card.md", 1000);
		Path json = Files.writeString(dir.resolve("card.json"), "{\"name\":\"Scribe\"}");

		assertThat(markdown.contentType()).isEqualTo("text/markdown");
		assertThat(new String(markdown.data(), StandardCharsets.UTF_8)).startsWith("# Scribe 3.1");
		assertThat(ModelCardFiles.read(json.toString(), 1000).contentType()).isEqualTo("application/json");
	}

	@Test
	void whatIsWrongWithACardIsSaid() throws Exception {
		Path pdf = Files.writeString(dir.resolve("card.pdf"), "%PDF");
		Path empty = Files.writeString(dir.resolve("empty.md"), "");
		Path latin1 = Files.write(dir.resolve("latin1.md"), new byte[] {'c', 'a', 'f', (byte) 0xE9});
		Path array = Files.writeString(dir.resolve("array.json"), "[1, 2]");
		Path doctype = Files.writeString(dir.resolve("card.xml"), "<!DOCTYPE x [<!ENTITY e \"x\">]><x>&e;</x>");

		assertThatThrownBy(() -> ModelCardFiles.read(pdf.toString(), 1000)).hasMessageContaining(".md, .markdown, .json or .xml");
		assertThatThrownBy(() -> ModelCardFiles.read(empty.toString(), 1000)).hasMessage("is an empty file");
		assertThatThrownBy(() -> ModelCardFiles.read(latin1.toString(), 1000)).hasMessage("is not UTF-8 text");
		assertThatThrownBy(() -> ModelCardFiles.read(array.toString(), 1000)).hasMessage("is not a JSON object");
		assertThatThrownBy(() -> ModelCardFiles.read(doctype.toString(), 1000)).hasMessageStartingWith("is not well-formed XML");
		assertThatThrownBy(() -> ModelCardFiles.read("classpath:model-cards/none.md", 1000)).hasMessage("is not on the classpath");
		assertThatThrownBy(() -> ModelCardFiles.read("classpath:model-cards/scribe-card.md", 10))
				.hasMessageContaining("(10 bytes)");
	}
}
