package dev.tokenledger.adapters;

import com.fasterxml.jackson.databind.JsonNode;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard in a real browser (README "Dashboard"): Debian's Chromium, driven by Selenium, signs in with the form,
 * loads every page against the demo company, checks the figures shown against the API, follows a drill-down from the
 * trial balance to journal lines and on to an audit trail, and saves a screenshot of each page under
 * target/screenshots.
 */
final class DashboardCheck {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private DashboardCheck() {
    }

    static boolean browserInstalled() {
        return new File("/usr/bin/chromium").canExecute() && new File("/usr/bin/chromedriver").canExecute();
    }

    static void check(int port, LedgerHttp http) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000",
                "--disable-gpu");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        try {
            String base = "http://localhost:" + port;
            String asOf = http.getConsistent("auditor", "/api/v1/metrics/latest").body().at("/day").asText();
            // usage revenue reaches the metrics (it is booked by usage postings, not only by manual entries)
            assertThat(http.get("auditor", "/api/v1/metrics/active-customers?asOf=" + asOf).body().at("/active30Days").asInt())
                    .isGreaterThan(10);
            browser.get(base + "/");
            // not signed in: the browser is sent to the form
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/login"));
            browser.findElement(By.id("username")).sendKeys("auditor");
            browser.findElement(By.id("password")).sendKeys("auditor-secret");
            browser.findElement(By.cssSelector("button[type=submit]")).click();

            // Overview: the run rate and the active customers shown are the API's
            page(browser, "overview");
            JsonNode runRate = http.get("auditor", "/api/v1/metrics/run-rate?asOf=" + asOf).body();
            assertThat(figure(browser, "run-rate")).isEqualTo(runRate.at("/runRate").asText());
            JsonNode active = http.get("auditor", "/api/v1/metrics/active-customers?asOf=" + asOf).body();
            assertThat(figure(browser, "active-30")).isEqualTo(active.at("/active30Days").asText());
            JsonNode concentration = http.get("auditor", "/api/v1/metrics/concentration?asOf=" + asOf).body();
            assertThat(figure(browser, "hhi")).isEqualTo(concentration.at("/herfindahlPoints").asText());
            assertThat(browser.findElements(By.cssSelector("#chart-run-rate canvas"))).isNotEmpty();
            // active end users arrive after the page, counted from the usage records
            String endUsers = http.get("auditor", "/api/v1/metrics/active-customers?endUsers=true&weeks=1&asOf=" + asOf)
                    .body().at("/endUsers/active30Days").asText();
            assertThat(Long.parseLong(endUsers)).isPositive();
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> figure(d, "end-users-30").equals(endUsers));
            browser.findElement(By.cssSelector("[data-table-for=run-rate]")).click();
            assertThat(browser.findElements(By.cssSelector("#run-rate-table tbody tr"))).hasSize(runRate.at("/series").size());
            screenshot(browser, "overview");

            // Cohorts: one heatmap row per cohort
            browser.get(base + "/#cohorts");
            page(browser, "cohorts");
            JsonNode cohorts = http.get("auditor", "/api/v1/metrics/cohorts?months=12&asOf=" + asOf).body();
            assertThat(browser.findElements(By.cssSelector("#cohort-table tbody tr"))).hasSize(cohorts.at("/rows").size());
            screenshot(browser, "cohorts");

            // Margin: the total margin over the 12 months
            browser.get(base + "/#margin");
            page(browser, "margin");
            String from = java.time.YearMonth.parse(asOf.substring(0, 7)).minusMonths(11).toString();
            JsonNode margin = http.get("auditor", "/api/v1/metrics/margin?groupBy=model&from=" + from + "&to=" + asOf.substring(0, 7)).body();
            assertThat(figure(browser, "margin-total")).isEqualTo(margin.at("/total/margin").asText());
            screenshot(browser, "margin");

            // Customers: every customer with usage, searchable; one customer's page
            browser.get(base + "/#customers");
            page(browser, "customers");
            JsonNode velocity = http.get("auditor", "/api/v1/metrics/velocity?asOf=" + asOf).body();
            assertThat(browser.findElements(By.cssSelector("#customers-table tbody tr"))).hasSize(velocity.at("/customers").size());
            browser.findElement(By.id("customer-search")).sendKeys("initech");
            List<WebElement> visible = browser.findElements(By.cssSelector("#customers-table tbody tr")).stream()
                    .filter(WebElement::isDisplayed).toList();
            assertThat(visible).hasSize(1);
            screenshot(browser, "customers");
            visible.get(0).findElement(By.tagName("a")).click();
            page(browser, "customer");
            JsonNode wallet = http.get("auditor", "/api/v1/customers/initech/wallet").body();
            assertThat(figure(browser, "wallet-liability")).isEqualTo(wallet.at("/liability").asText());
            screenshot(browser, "customer-initech");

            // Finance: the trial balance's totals; a drill-down to journal lines and on to an audit trail
            browser.get(base + "/#finance");
            page(browser, "finance");
            JsonNode tb = http.get("auditor", "/api/v1/reports/trial-balance?asOf=" + asOf).body();
            JsonNode usd = null;
            for (JsonNode t : tb.at("/totals")) {
                if (t.at("/currency").asText().equals("USD")) {
                    usd = t;
                }
            }
            assertThat(figure(browser, "tb-debits")).isEqualTo(usd.at("/debits").asText());
            screenshot(browser, "finance");
            browser.findElement(By.cssSelector("#tb-table a.drill")).click();
            page(browser, "gl");
            screenshot(browser, "journal-lines");
            WebElement entry = browser.findElement(By.cssSelector("#gl-table a.entry"));
            String entryId = entry.getText();
            entry.click();
            page(browser, "audit");
            assertThat(browser.findElement(By.cssSelector("[data-figure=audit-entry]")).getText()).isEqualTo(entryId);
            screenshot(browser, "audit-trail");
        } finally {
            browser.quit();
        }
    }

    private static void page(WebDriver browser, String name) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            WebElement main = d.findElement(By.id("page"));
            String ready = main.getAttribute("data-ready");
            if ("error".equals(ready)) {
                throw new AssertionError("page " + name + " failed: " + main.getText());
            }
            return "true".equals(ready) && name.equals(main.getAttribute("data-page"));
        });
    }

    /** A figure as shown, without thousands separators. */
    private static String figure(WebDriver browser, String name) {
        return browser.findElement(By.cssSelector("[data-figure=" + name + "]")).getText().replace(",", "");
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
