package org.aitrust.interceptor.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The one permission table of docs/security.md says what {@link ModuleOperation} enforces. */
class ModuleOperationTest {

	private static final Pattern ROW = Pattern.compile("^\\| `(?:GET|POST) \\[base\\]/(?:\\[type\\]/\\[id\\]/)?(\\$[a-z-]+)` \\|[^|]*\\| ([^|]*) \\|",
			Pattern.MULTILINE);
	private static final Pattern SCOPE = Pattern.compile("`([^`]+)`");

	@Test
	void theDocumentedTableListsEveryOperationWithTheScopesThatAllowIt() throws Exception {
		String page = Files.readString(Path.of("..", "docs", "security.md"));
		String table = page.substring(page.indexOf("<!-- permissions:begin -->"), page.indexOf("<!-- permissions:end -->"));
		Map<String, List<String>> documented = new LinkedHashMap<>();
		Matcher row = ROW.matcher(table);
		while (row.find()) {
			List<String> scopes = new ArrayList<>();
			Matcher scope = SCOPE.matcher(row.group(2));
			while (scope.find()) {
				scopes.add(scope.group(1));
			}
			documented.put(row.group(1), scopes);
		}

		Map<String, List<String>> enforced = new LinkedHashMap<>();
		for (ModuleOperation operation : ModuleOperation.values()) {
			enforced.put(operation.operationName(), operation.roles().stream().map(ModuleScopes.DEFAULTS::scopeFor).toList());
		}
		assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(enforced.keySet());
		enforced.forEach((name, scopes) -> assertThat(documented.get(name)).as(name)
				.containsExactlyInAnyOrderElementsOf(scopes));
	}

	@Test
	void aRoleIsGrantedOnlyByItsOwnScope() {
		assertThat(ModuleScopes.DEFAULTS.rolesGrantedBy(List.of("aitrust/review", "system/*.cruds", "openid")))
				.containsExactly(ModuleRole.REVIEW);
		assertThat(ModuleOperation.REVIEW.allowedFor(ModuleScopes.DEFAULTS.rolesGrantedBy(List.of("aitrust/admin"))))
				.isTrue();
		assertThat(Arrays.stream(ModuleOperation.values()).filter(ModuleOperation::onInstance))
				.containsExactly(ModuleOperation.REVIEW);
	}
}
