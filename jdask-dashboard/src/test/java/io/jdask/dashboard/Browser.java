package io.jdask.dashboard;

import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * The system's Chromium driven by Playwright (never a downloaded browser). Where it is missing the
 * browser tests are skipped, except under {@code CI=true}, where they fail.
 */
final class Browser implements AutoCloseable {
    /** Where Debian's {@code chromium} package puts it; {@code JDASK_CHROMIUM} overrides. */
    static final Path DEFAULT = Path.of("/usr/bin/chromium");

    final Playwright playwright;
    final com.microsoft.playwright.Browser browser;

    private Browser(Playwright playwright, com.microsoft.playwright.Browser browser) {
        this.playwright = playwright;
        this.browser = browser;
    }

    static Browser launch() {
        String override = System.getenv("JDASK_CHROMIUM");
        Path exe = override == null || override.isBlank() ? DEFAULT : Path.of(override);
        if (!Files.isExecutable(exe)) {
            unavailable("no chromium at " + exe + " (apt-get install chromium, or set JDASK_CHROMIUM)", null);
        }
        Playwright pw = null;
        try {
            pw = Playwright.create(new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            var b = pw.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(exe).setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-dev-shm-usage")));
            return new Browser(pw, b);
        } catch (RuntimeException e) {
            if (pw != null) {
                pw.close();
            }
            unavailable("chromium at " + exe + " did not start: " + e.getMessage(), e);
            throw e;
        }
    }

    private static void unavailable(String why, Throwable cause) {
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException("browser tests need chromium (CI=true: not skipping): " + why, cause);
        }
        Assumptions.abort(why);
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
