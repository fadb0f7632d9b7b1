package io.gridlet.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridlet.node.GridNode;
import io.gridlet.node.TestJars;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's chromium, driven by its chromedriver; Selenium downloads
 * nothing) against a real 3-node cluster. Each test leaves a screenshot in
 * {@code target/console-screenshots}.
 */
class ConsoleBrowserTest {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private static TestNodes nodes;
    private WebDriver browser;

    @BeforeAll
    static void startCluster() {
        boolean installed = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
        if (System.getenv("CI") != null) {
            assertThat(installed).as("CI needs chromium and chromium-driver: .ci/run installs them").isTrue();
        }
        Assumptions.assumeTrue(installed, "browser tests need Debian's chromium and chromium-driver "
                + "(apt-get install chromium chromium-driver); .ci/run installs them");
        nodes = TestNodes.start(3, Map.of());
        GridNode first = nodes.bean(0, GridNode.class);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() ->
                first.hazelcast().getCluster().getMembers().size() == 3
                        && first.hazelcast().getPartitionService().isClusterSafe());
    }

    @AfterAll
    static void stopCluster() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @BeforeEach
    void openBrowser() {
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toString())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void screenshotAndClose(TestInfo test) throws IOException {
        if (browser != null) {
            screenshot(test.getTestMethod().orElseThrow().getName());
            browser.quit();
        }
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    @Test
    void theClusterPageShowsThreeMembersWithTheLocalOneMarked() {
        signIn(TestNodes.ADMIN, "cluster");
        List<WebElement> members = waitFor(() -> browser.findElements(By.cssSelector("#members tr")), 3);
        assertThat(members).hasSize(3);
        assertThat(browser.findElements(By.cssSelector("#members tr.local"))).hasSize(1);
        assertThat(browser.findElement(By.id("cluster-summary")).getText()).startsWith("3 members, 271 partitions");
    }

    @Test
    void aHundredInvocationsShowInTheFunctionsCountAndRate() throws Exception {
        byte[] jar = TestJars.jar("c.Echo", "console.echo", "Object", "Object", "return input;");
        assertThat(nodes.send(0, "POST", "/api/v1/functions?version=1", TestNodes.ADMIN, "application/java-archive", jar)
                .statusCode()).isEqualTo(201);
        signIn(TestNodes.VIEWER, "functions");
        waitUntil(() -> !browser.findElements(By.cssSelector("tr[data-function='console.echo']")).isEmpty());
        for (int i = 0; i < 100; i++) {
            HttpResponse<String> answer = nodes.json(i % 3, "POST", "/api/v1/functions/console.echo/invoke",
                    TestNodes.ADMIN, "\"hi\"");
            assertThat(answer.statusCode()).isEqualTo(200);
        }
        waitUntil(() -> field("console.echo", "invocations").equals("100"));
        // The rate is the count's change between two refreshes 2 s apart: the 100 calls show as a rate above 0.
        assertThat(Double.parseDouble(field("console.echo", "rate"))).isPositive();

        // Per version, the cluster's: counts, and p50/p99 from every member's histogram summed by the node.
        String version = "tr[data-function='console.echo'][data-version='1'] td[data-field='%s']";
        assertThat(browser.findElement(By.cssSelector(version.formatted("invocations"))).getText()).isEqualTo("100");
        assertThat(browser.findElement(By.cssSelector(version.formatted("traffic"))).getText()).isEqualTo("live");
        waitUntil(() -> browser.findElement(By.cssSelector(version.formatted("p50"))).getText().matches("\\d+\\.\\d{3}"));
        assertThat(browser.findElement(By.cssSelector(version.formatted("p99"))).getText()).matches("\\d+\\.\\d{3}");
        assertThat(browser.findElement(By.cssSelector(version.formatted("inflight"))).getText()).isEqualTo("0");
        assertThat(browser.findElement(By.cssSelector(version.formatted("limit"))).getText()).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#function-chart canvas"))).as("the calls/s chart").isNotEmpty();
        assertThat(browser.findElement(By.cssSelector("#function-chart")).getText()).contains("console.echo");
    }

    @Test
    void aMapKeyShowsAsTextAndRunsNoScript() {
        String attack = "<img src=x onerror=alert(1)>";
        nodes.bean(0, GridNode.class).hazelcast().getMap("console-keys").put(attack, 1);
        nodes.bean(0, GridNode.class).hazelcast().getMap("console-keys").put("plain", 2);
        signIn(TestNodes.VIEWER, "maps");
        waitUntil(() -> !browser.findElements(By.cssSelector("tr[data-map='console-keys'] button[data-action='keys']")).isEmpty());
        browser.findElement(By.cssSelector("tr[data-map='console-keys'] button[data-action='keys']")).click();
        waitUntil(() -> browser.findElements(By.cssSelector("#key-rows td")).size() == 2);
        assertThat(browser.findElements(By.cssSelector("#key-rows td")).stream().map(WebElement::getText))
                .containsExactly(attack, "plain");
        assertThat(browser.findElement(By.id("keys-summary")).getText()).isEqualTo("2 keys.");
        assertThat(browser.findElements(By.tagName("img"))).as("the key was not parsed as HTML").isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void aFunctionsLogLinesShowAsTextAndAnInvocationShowsItsOwn() throws Exception {
        byte[] jar = TestJars.jar("c.Said", "console.said", "String", "String",
                "ctx.logger().info(\"said {}\", input); return input;");
        assertThat(nodes.send(0, "POST", "/api/v1/functions?version=1", TestNodes.ADMIN, "application/java-archive", jar)
                .statusCode()).isEqualTo(201);
        String attack = "<img src=x onerror=alert(1)>";
        // Started asynchronously, so that the call keeps a record the invocations page can look up.
        HttpResponse<String> answer = nodes.json(1, "POST", "/api/v1/functions/console.said/invoke?async=true",
                TestNodes.ADMIN, new ObjectMapper().writeValueAsString(attack));
        assertThat(answer.statusCode()).isEqualTo(202);
        String invocation = new ObjectMapper().readTree(answer.body()).get("invocationId").asText();
        signIn(TestNodes.VIEWER, "logs");
        waitUntil(() -> browser.findElements(By.cssSelector("#log-function option[value='console.said']")).size() == 1);
        new Select(browser.findElement(By.id("log-function"))).selectByValue("console.said");
        waitUntil(() -> !browser.findElements(By.cssSelector("#log-rows tr[data-invocation='" + invocation + "']"))
                .isEmpty());
        List<WebElement> cells = browser.findElements(
                By.cssSelector("#log-rows tr[data-invocation='" + invocation + "'] td"));
        assertThat(cells.get(cells.size() - 1).getText()).isEqualTo("said " + attack);
        assertThat(browser.findElements(By.tagName("img"))).as("the line was not parsed as HTML").isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        screenshot("logs-page");

        browser.get(nodes.uri(0, "/console/index.html#invocations").toString());
        waitUntil(() -> browser.findElement(By.id("invocation-id")).isDisplayed());
        browser.findElement(By.id("invocation-id")).sendKeys(invocation);
        browser.findElement(By.cssSelector("#invocation-form button")).click();
        waitUntil(() -> browser.findElements(By.cssSelector("#invocation-log-rows tr")).size() == 1);
        assertThat(browser.findElement(By.cssSelector("#invocation-log-rows td.log-message")).getText())
                .isEqualTo("said " + attack);
        assertThat(browser.findElements(By.tagName("img"))).isEmpty();
    }

    @Test
    void theTriggersPageShowsCountsAndLagAndAnAdminReplaysAndDeletes() throws Exception {
        byte[] jar = TestJars.jar("c.Upper", "console.upper", "java.util.Map", "String", """
                String value = String.valueOf(input.get("value"));
                if (value.equals("fail")) { throw new IllegalStateException("refused " + input.get("key")); }
                return value.toUpperCase();""");
        assertThat(nodes.send(0, "POST", "/api/v1/functions?version=1", TestNodes.ADMIN, "application/java-archive", jar)
                .statusCode()).isEqualTo(201);
        assertThat(nodes.json(0, "POST", "/api/v1/triggers", TestNodes.ADMIN, "{\"name\":\"console-up\",\"function\":"
                + "\"console.upper\",\"type\":\"map-event\",\"map\":\"console-words\",\"resultMap\":\"console-upper\"}")
                .statusCode()).isEqualTo(201);
        nodes.json(1, "POST", "/api/v1/maps/console-words/entries", TestNodes.ADMIN, "{\"a\":\"apple\",\"b\":\"fail\"}");

        signIn(TestNodes.ADMIN, "triggers");
        waitUntil(() -> triggerField("processed").equals("1") && triggerField("deadLettered").equals("1"));
        assertThat(triggerField("job")).isEqualTo("RUNNING");
        assertThat(browser.findElements(By.cssSelector("#trigger-chart canvas"))).as("the lag chart").isNotEmpty();

        browser.findElement(By.cssSelector("tr[data-trigger='console-up'] button[data-action='replay']")).click();
        waitUntil(() -> browser.findElement(By.id("action-status")).getText()
                .equals("console-up: replayed 0, 1 still dead-lettered."));

        browser.get(nodes.uri(0, "/console/index.html#jobs").toString());
        waitUntil(() -> browser.findElement(By.cssSelector("tr[data-job='gridlet-trigger-console-up'] td[data-field='status']"))
                .getText().equals("RUNNING"));
        screenshot("theTriggersPage-jobs");

        browser.get(nodes.uri(0, "/console/index.html#triggers").toString());
        waitUntil(() -> triggerField("processed").equals("1"));
        browser.findElement(By.cssSelector("tr[data-trigger='console-up'] button[data-action='delete']")).click();
        browser.switchTo().alert().accept();
        waitUntil(() -> browser.findElements(By.cssSelector("tr[data-trigger='console-up']")).isEmpty());
        assertThat(nodes.get(2, "/api/v1/triggers/console-up", TestNodes.VIEWER).statusCode()).isEqualTo(404);
    }

    @Test
    void swaggerUiAtConsoleApiReadsTheOpenApiDocumentWithTheToken() {
        signIn(TestNodes.VIEWER, "cluster");
        waitUntil(() -> browser.findElement(By.id("nav")).isDisplayed());
        browser.get(nodes.uri(0, "/console/api").toString());
        waitUntil(() -> browser.findElement(By.cssSelector(".swagger-ui .info .title")).getText().startsWith("Gridlet"));
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("/api/v1/functions/{name}/invoke");
        assertThat(browser.findElement(By.id("api-message")).getText()).isEmpty();
    }

    @Test
    void anAdminSetsATenPercentCanaryWhileAViewerSeesNoActionsAndIsRefusedThem() throws Exception {
        for (String version : List.of("1", "2")) {
            byte[] jar = TestJars.jar("c.Canary", "console.canary", "Object", "String", "return \"v" + version + "\";");
            assertThat(nodes.send(1, "POST", "/api/v1/functions?version=" + version, TestNodes.ADMIN,
                    "application/java-archive", jar).statusCode()).isEqualTo(201);
        }
        signIn(TestNodes.ADMIN, "functions");
        String row = "tr[data-function='console.canary']";
        waitUntil(() -> !browser.findElements(By.cssSelector(row + " button[data-action='canary']")).isEmpty());
        // A refresh (every 2 s) does not reset a choice being made: "2" is not the first option.
        new Select(browser.findElement(By.cssSelector(row + " select[name='version']"))).selectByValue("2");
        String updated = browser.findElement(By.id("status")).getText();
        waitUntil(() -> !browser.findElement(By.id("status")).getText().equals(updated));
        assertThat(new Select(browser.findElement(By.cssSelector(row + " select[name='version']")))
                .getFirstSelectedOption().getText()).isEqualTo("2");
        new Select(browser.findElement(By.cssSelector(row + " select[name='version']"))).selectByValue("1");
        WebElement percent = browser.findElement(By.cssSelector(row + " input[name='percent']"));
        percent.clear();
        percent.sendKeys("10");
        browser.findElement(By.cssSelector(row + " button[data-action='canary']")).click();
        waitUntil(() -> field("console.canary", "canary").equals("1 (10%)"));
        assertThat(nodes.get(2, "/api/v1/functions/console.canary", TestNodes.VIEWER).body())
                .contains("\"live\":\"2\"").contains("\"canary\":\"1\"").contains("\"canaryPercent\":10");
        screenshot("anAdminSetsATenPercentCanary-admin");

        browser.findElement(By.id("sign-out")).click();
        signIn(TestNodes.VIEWER, "functions");
        waitUntil(() -> field("console.canary", "canary").equals("1 (10%)"));
        assertThat(browser.findElements(By.cssSelector("button[data-action]"))).isEmpty();
        assertThat(browser.findElement(By.id("function-actions")).isDisplayed()).isFalse();
        assertThat(nodes.json(0, "POST", "/api/v1/functions/console.canary/activate", TestNodes.VIEWER,
                "{\"version\":\"1\"}").statusCode()).isEqualTo(403);
    }

    @Test
    void aFunctionsErrorMessageShowsAsTextAndRunsNoScript() throws Exception {
        String attack = "<img src=x onerror=alert(1)>";
        byte[] jar = TestJars.jar("c.Attack", "console.attack", "Object", "String",
                "throw new IllegalStateException(\"" + attack + "\");");
        assertThat(nodes.send(0, "POST", "/api/v1/functions?version=1", TestNodes.ADMIN, "application/java-archive", jar)
                .statusCode()).isEqualTo(201);
        HttpResponse<String> started = nodes.json(1, "POST", "/api/v1/functions/console.attack/invoke?async=true",
                TestNodes.ADMIN, null);
        assertThat(started.statusCode()).isEqualTo(202);
        String id = new ObjectMapper().readTree(started.body()).get("invocationId").asText();

        signIn(TestNodes.VIEWER, "invocations");
        WebElement input = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(driver -> driver.findElement(By.id("invocation-id")));
        waitUntil(input::isDisplayed);
        input.sendKeys(id);
        browser.findElement(By.cssSelector("#invocation-form button")).click();
        waitUntil(() -> browser.findElement(By.cssSelector("#invocation td[data-field='state']")).getText().equals("FAILED"));

        assertThat(browser.findElement(By.cssSelector("#invocation td[data-field='error']")).getText()).contains(attack);
        assertThat(browser.findElements(By.tagName("img"))).as("the message was not parsed as HTML").isEmpty();
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    @Test
    void aWrongTokenLeadsBackToSignInWithAMessage() {
        signIn("not-a-token", "cluster");
        waitUntil(() -> browser.findElement(By.id("sign-in")).isDisplayed());
        assertThat(browser.findElement(By.id("sign-in-message")).getText()).contains("refused this token (401)");
        assertThat(browser.findElement(By.id("nav")).isDisplayed()).isFalse();
    }

    @Test
    void pagesComeWithAContentSecurityPolicyThatAllowsNoInlineScript() {
        HttpResponse<String> page = nodes.get(0, "/console/index.html", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("script-src 'self'").doesNotContain("unsafe-inline"));
        assertThat(page.body()).doesNotContain("<script>").contains("<script type=\"module\" src=\"console.js\">");
        browser.get(nodes.uri(0, "/console").toString());
        waitUntil(() -> browser.findElement(By.id("sign-in")).isDisplayed());
    }

    private void signIn(String token, String page) {
        browser.get(nodes.uri(0, "/console/index.html#" + page).toString());
        WebElement input = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(driver -> driver.findElement(By.id("token")));
        input.sendKeys(token);
        browser.findElement(By.cssSelector("#sign-in-form button")).click();
    }

    private String triggerField(String field) {
        List<WebElement> cells = browser.findElements(
                By.cssSelector("tr[data-trigger='console-up'] td[data-field='" + field + "']"));
        return cells.isEmpty() ? "" : cells.get(0).getText();
    }

    private String field(String function, String field) {
        List<WebElement> cells = browser.findElements(
                By.cssSelector("tr[data-function='" + function + "'] td[data-field='" + field + "']"));
        return cells.isEmpty() ? "" : cells.get(0).getText();
    }

    private <T> List<T> waitFor(java.util.function.Supplier<List<T>> elements, int count) {
        waitUntil(() -> elements.get().size() == count);
        return elements.get();
    }

    private void waitUntil(java.util.concurrent.Callable<Boolean> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(condition);
    }
}
