package vn.hanoi.lgsp.support;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.openqa.selenium.WebDriver;

/** A test on the whole platform with Debian's Chromium, headless: a fresh browser for each test. */
public abstract class BrowserTest extends PlatformTest {

    protected StaffBrowser browser;
    protected WebDriver driver;

    @BeforeEach
    void openBrowser() throws Exception {
        browser = new StaffBrowser();
        driver = browser.driver();
    }

    @AfterEach
    void closeBrowser() {
        browser.close();
    }
}
