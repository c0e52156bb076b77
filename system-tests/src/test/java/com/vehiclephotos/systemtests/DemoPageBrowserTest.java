package com.vehiclephotos.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.vehiclephotos.devstack.junit.DevstackEndpoints;
import com.vehiclephotos.devstack.junit.WithDevstack;
import com.vehiclephotos.fixtures.images.HeifPhotos;
import com.vehiclephotos.fixtures.images.Images;
import com.vehiclephotos.fixtures.images.RealPhotos;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The demo page in Debian's headless Chromium, driven as a person would: sign in, add a vehicle,
 * upload a real phone photo and watch it become READY with its thumbnail, make it the cover, upload
 * a web page disguised as a JPEG and read why it was rejected, delete it; then a seller's batch of
 * twelve real photos and a malware file, through a failing network, put in order. Screenshots go to
 * system-tests/target/screenshots/. Without chromium and chromium-driver the test is skipped, in CI
 * (CI=true) it fails instead: .ci/run installs them.
 */
@WithDevstack
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoPageBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static RunningServices services;
    private static ChromeDriver browser;

    /** A failed test leaves what the page showed: target/screenshots/failed-<test>.png and .html. */
    @RegisterExtension
    static final TestWatcher LEAVES_THE_PAGE = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser == null) {
                return;
            }
            var name = "failed-" + context.getRequiredTestMethod().getName();
            try {
                screenshot(name + ".png");
                Files.writeString(SCREENSHOTS.resolve(name + ".html"), browser.getPageSource());
            } catch (IOException | RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    };

    @BeforeAll
    static void start(DevstackEndpoints devstack) throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && System.getenv("CI") != null) {
            throw new IllegalStateException(
                    "CI needs chromium and chromium-driver (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(
                installed, "chromium and chromium-driver are not installed: apt-get install chromium chromium-driver");
        devstack.requireClamd();
        services = RunningServices.shared(devstack);
        Files.createDirectories(SCREENSHOTS);
        var options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-dev-shm-usage",
                        "--window-size=1200,1400",
                        "--lang=en");
        browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .build(),
                options);
        browser.get(services.url("upload-api", "/demo/").toString());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void aPersonSignsInAddsAVehicleAndSeesTheirPhotoBecomeReady() throws Exception {
        type("user", "demo-" + UUID.randomUUID().toString().substring(0, 8));
        submit("signin-form");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.findElement(By.id("account")).isDisplayed());
        type("make", "Volkswagen");
        type("model", "Golf");
        type("year", "2019");
        submit("vehicle-form");
        // the first request may meet a vehicle-service the chaos suite has just restarted (a cold JVM)
        await().atMost(Duration.ofSeconds(30))
                .until(() -> browser.findElement(By.id("vehicle-heading"))
                        .getText()
                        .equals("Photos of the Volkswagen Golf"));
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> browser.findElements(By.cssSelector("#vehicles button[aria-pressed=true]")),
                        pressed ->
                                pressed.size() == 1 && pressed.get(0).getText().equals("Volkswagen Golf (2019)"));

        var photo = Path.of("target", "test-photos", "IMG_0001.JPG").toAbsolutePath();
        Files.createDirectories(photo.getParent());
        Files.write(photo, Files.readAllBytes(RealPhotos.iphoneWithGps()));
        upload(photo);

        // The list re-renders whenever a photo changes: a card is found again by its id on every read
        var ready = await().atMost(Duration.ofSeconds(90)).until(() -> cardId("READY"), id -> id != null);
        assertThat(progress()).isEqualTo("100");
        var image = "li.photo[data-photo-id='" + ready + "'] img";
        await().atMost(Duration.ofSeconds(10)).until(() -> (Boolean)
                js("const i = document.querySelector(arguments[0]); return !!i && i.naturalWidth > 0", image));
        assertThat(attribute(image, "alt")).isEqualTo("Volkswagen Golf, photo 1");
        assertThat(attribute(image, "src")).endsWith("/320.jpg");
        await("the ThumbHash placeholder was painted, then replaced by the loaded thumbnail")
                .atMost(Duration.ofSeconds(10))
                .until(() -> "replaced".equals(attribute(image, "data-placeholder")));
        assertThat(message()).isEqualTo("Your photo is ready.");
        screenshot("demo-1-ready.png");

        assertThat(texts("li.photo[data-photo-id='" + ready + "'] .cover"))
                .as("the first READY photo is the cover")
                .hasSize(1);

        var second = Path.of("target", "test-photos", "side-view.jpg").toAbsolutePath();
        Files.write(
                second,
                com.vehiclephotos.fixtures.images.Images.jpeg(
                        com.vehiclephotos.fixtures.images.Images.marker(1200, 800)));
        upload(second);
        await().atMost(Duration.ofSeconds(90))
                .until(() -> browser.findElements(By.cssSelector("li.photo[data-status=READY]"))
                                .size()
                        == 2);
        var secondId = (String) js("return [...document.querySelectorAll('li.photo[data-status=READY]')]"
                + ".find(c => !c.querySelector('.cover')).dataset.photoId");
        clickButton(secondId, "Make cover");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> texts("li.photo[data-photo-id='" + secondId + "'] .cover")
                                .size()
                        == 1);
        assertThat(browser.findElements(By.cssSelector("li.photo .cover"))).hasSize(1);
        screenshot("demo-2-cover.png");
    }

    @Test
    @Order(2)
    void aWebPageDisguisedAsAPhotoIsRejectedWithItsReasonAndCanBeDeleted() throws Exception {
        var fake = Path.of("target", "test-photos", "holiday.jpg").toAbsolutePath();
        Files.writeString(fake, "<html><body><script>alert(1)</script></body></html>", StandardCharsets.UTF_8);
        upload(fake);

        var rejected = await().atMost(Duration.ofSeconds(90)).until(() -> cardId("REJECTED"), id -> id != null);
        assertThat(texts("li.photo[data-photo-id='" + rejected + "'] .reason"))
                .containsExactly("This file type is not supported. Use a JPEG, PNG, WebP, HEIC or AVIF photo.");
        assertThat(message())
                .isEqualTo(
                        "Your photo was rejected: This file type is not supported. Use a JPEG, PNG, WebP, HEIC or AVIF photo.");
        assertThat(browser.findElement(By.id("message")).getAttribute("class")).contains("error");
        screenshot("demo-3-rejected.png");

        clickButton(rejected, "Delete");
        await().atMost(Duration.ofSeconds(10)).until(() -> cardId("REJECTED") == null);
        assertThat(cardId("READY")).isNotNull();
        assertThat(message()).isEqualTo("The photo was deleted.");
    }

    @Test
    @Order(3)
    void theQuickChecksAnswerBeforeAnythingIsSent() throws Exception {
        var text = Path.of("target", "test-photos", "notes.txt").toAbsolutePath();
        Files.writeString(text, "not a photo");
        int before = browser.findElements(By.cssSelector("li.photo")).size();

        upload(text);

        assertThat(message()).isEqualTo("\"notes.txt\" is not a JPEG, PNG, WebP, HEIC or AVIF photo.");
        assertThat(browser.findElements(By.cssSelector("li.photo"))).hasSize(before);
        screenshot("demo-4-quick-check.png");
    }

    @Test
    @Order(4)
    void everyControlHasALabelAndEveryImageAnAlternativeText() {
        assertThat(
                        (Boolean)
                                js(
                                        "return [...document.querySelectorAll('input, progress')].every(e => e.labels && e.labels.length > 0)"))
                .isTrue();
        assertThat((Boolean) js("return [...document.querySelectorAll('img')].every(i => i.alt.trim().length > 0)"))
                .isTrue();
        assertThat(
                        (Boolean)
                                js(
                                        "return [...document.querySelectorAll('button')].every(b => (b.getAttribute('aria-label') || b.textContent).trim().length > 0)"))
                .isTrue();
        assertThat(browser.findElement(By.id("message")).getAttribute("aria-live"))
                .isEqualTo("polite");
    }

    @Test
    @Order(5)
    void aSellersBatchOfTwelvePhotosGoesThroughAHostileFileAndAFailingNetworkAndCanBeReordered() throws Exception {
        type("make", "Audi");
        type("model", "A4");
        submit("vehicle-form");
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        browser.findElement(By.id("vehicle-heading")).getText().equals("Photos of the Audi A4"));
        var batch = Path.of("target", "test-photos", "batch").toAbsolutePath();
        Files.createDirectories(batch);
        var files = new java.util.ArrayList<String>();
        for (var photo : RealPhotos.all()) {
            files.add(Files.copy(photo, batch.resolve(photo.getFileName()), StandardCopyOption.REPLACE_EXISTING)
                    .toString());
        }
        files.add(Files.copy(
                        HeifPhotos.heic(RealPhotos.right(), 80),
                        batch.resolve("right.heic"),
                        StandardCopyOption.REPLACE_EXISTING)
                .toString());
        files.add(Files.write(
                        batch.resolve("brochure.jpg"),
                        Images.concat(Images.jpeg(Images.marker(400, 300)), Images.EICAR))
                .toString());
        assertThat(files).hasSize(13);
        // The network fails the first PUT of one photo (the page tries it again by itself) and the first
        // two of another (the page then offers Retry): XMLHttpRequest answers "error" without sending.
        js("""
                window.failedPuts = 0;
                const failures = { 'IMG_0003.JPG': 1, 'test2.jpg': 2 };
                const open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send;
                XMLHttpRequest.prototype.open = function (method, ...rest) { this.method = method; return open.call(this, method, ...rest); };
                XMLHttpRequest.prototype.send = function (body) {
                  if (this.method === 'PUT' && body && failures[body.name] > 0) {
                    failures[body.name]--;
                    window.failedPuts++;
                    setTimeout(() => this.dispatchEvent(new ProgressEvent('error')), 50);
                    return;
                  }
                  return send.call(this, body);
                };
                """);
        // ... and answers every other lookup of the vehicle late, so the page's answers arrive out of order:
        // a snapshot of the photos drawn after a newer one must not stay on the page
        js("""
                window.lateAnswers = 0;
                const fetchNow = window.fetch;
                let lookups = 0;
                window.fetch = function (url, options) {
                  const answer = fetchNow.call(this, url, options);
                  if (!/\\/api\\/v1\\/vehicles\\/[0-9a-f-]+$/.test(String(url)) || lookups++ % 2 === 1) return answer;
                  window.lateAnswers++;
                  return answer.then((r) => new Promise((resolve) => setTimeout(() => resolve(r), 400)));
                };
                """);
        type("concurrency", "3");

        browser.findElement(By.id("photo")).sendKeys(String.join("\n", files));
        submit("upload-form");

        // The list re-renders whenever a photo changes: every read below is one script, never an element kept
        var retry = "li.upload[data-file='test2.jpg'][data-state=failed] button";
        await().atMost(Duration.ofSeconds(60))
                .until(() -> (Boolean) js("return !!document.querySelector(arguments[0])", retry));
        assertThat(texts("li.upload[data-file='test2.jpg'] .upload-error"))
                .containsExactly("The upload failed: network error.");
        screenshot("demo-5-batch-retry.png");
        js("document.querySelector(arguments[0]).click()", retry);

        await().atMost(Duration.ofSeconds(300))
                .until(() -> texts("li.photo[data-status=READY] .status").size() == 12);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> texts("li.photo[data-status=REJECTED] .reason"), r -> r.size() == 1);
        assertThat(texts("li.photo[data-status=REJECTED] .reason").get(0)).contains("malware");
        assertThat(order()).hasSize(13);
        assertThat((Long) js("return window.failedPuts")).isEqualTo(3);
        assertThat((Long) js("return window.lateAnswers")).isGreaterThan(5);
        assertThat(texts("li.upload")).as("every upload reached S3").isEmpty();
        assertThat(progress()).isEqualTo("100");
        await("every placeholder painted, then replaced by its loaded thumbnail")
                .atMost(Duration.ofSeconds(30))
                .until(() ->
                        (Boolean) js("const images = [...document.querySelectorAll('li.photo[data-status=READY] img')];"
                                + " return images.length === 12 && images.every(i => i.dataset.placeholder === 'replaced'"
                                + " && i.complete && i.naturalWidth > 0)"));
        double worst = ((Number)
                        js("return Math.max(...[...document.querySelectorAll('li.photo[data-status=READY] img')]"
                                + ".map(i => { const r = i.getBoundingClientRect(), natural = i.naturalWidth / i.naturalHeight;"
                                + " return Math.abs(r.width / r.height - natural) / natural; }))"))
                .doubleValue();
        assertThat(worst).as("every thumbnail keeps its aspect ratio").isLessThan(0.02);
        assertThat(texts(".advice")).contains("This photo is small — a larger one shows the vehicle better.");
        assertThat(texts(".captured"))
                .anyMatch(t -> t.contains("SONY ILCE-6000") && t.endsWith("(only you see this)."));
        assertThat(texts(".duplicate"))
                .as("right.heic is right.jpg again")
                .anyMatch(t -> t.startsWith("This looks like photo"));
        screenshot("demo-6-batch.png");

        var before = order();
        js(
                "[...document.querySelector('li.photo').querySelectorAll('button')].find(b => b.textContent === 'Later').click()");
        var swapped = new java.util.ArrayList<>(before);
        java.util.Collections.swap(swapped, 0, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> order().equals(swapped));
        // a drag of the last photo onto the first: HTML drag and drop, as the browser fires it
        js("""
                const cards = document.querySelectorAll('li.photo');
                const last = cards[cards.length - 1], first = cards[0];
                const data = new DataTransfer();
                last.dispatchEvent(new DragEvent('dragstart', { bubbles: true, dataTransfer: data }));
                first.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: data }));
                first.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: data }));
                last.dispatchEvent(new DragEvent('dragend', { bubbles: true, dataTransfer: data }));
                """);
        var dragged = new java.util.ArrayList<>(swapped);
        dragged.add(0, dragged.remove(dragged.size() - 1));
        await().atMost(Duration.ofSeconds(10)).until(() -> order().equals(dragged));
        js("document.querySelector('#vehicles button[aria-pressed=true]').click()");
        await("vehicle-service keeps the order").atMost(Duration.ofSeconds(10)).until(() -> order().equals(dragged));
        screenshot("demo-7-reordered.png");
    }

    @Test
    @Order(6)
    void theLiveViewComesBackAfterItsConnectionBreaks() throws Exception {
        // the next stream the page opens breaks after its first event, as a dropped connection would
        js("""
                window.streamsOpened = 0;
                window.streamsBroken = 0;
                const fetchBefore = window.fetch;
                window.fetch = function (url, options) {
                  const answer = fetchBefore.call(this, url, options);
                  if (!String(url).endsWith('/photos/stream')) return answer;
                  window.streamsOpened++;
                  if (window.streamsBroken > 0) return answer;
                  window.streamsBroken++;
                  return answer.then((r) => {
                    const reader = r.body.getReader();
                    const body = new ReadableStream({
                      async pull(controller) {
                        const { value } = await reader.read();
                        controller.enqueue(value);
                        controller.error(new TypeError('network error'));
                        reader.cancel();
                      },
                    });
                    return new Response(body, { status: r.status, headers: r.headers });
                  });
                };
                """);
        js("document.querySelector('#vehicles button[aria-pressed=true]').click()");
        int ready = texts("li.photo[data-status=READY]").size();
        await("the stream broke and was opened again")
                .atMost(Duration.ofSeconds(30))
                .until(() -> ((Long) js("return window.streamsOpened")) >= 2);

        var photo = Path.of("target", "test-photos", "after-the-break.jpg").toAbsolutePath();
        Files.write(photo, Images.jpeg(Images.marker(1200, 800)));
        upload(photo);

        await("the photo becomes READY on the page through the reopened stream")
                .atMost(Duration.ofSeconds(90))
                .until(() -> texts("li.photo[data-status=READY]").size() == ready + 1);
        assertThat((Long) js("return window.streamsBroken")).isEqualTo(1);
        assertThat(message()).isEqualTo("Your photo is ready.");
    }

    private static void upload(Path file) {
        browser.findElement(By.id("photo")).sendKeys(file.toString());
        submit("upload-form");
    }

    /** The id of the first card with this status, or null: read in one script, never an element kept. */
    private static String cardId(String status) {
        return (String) js(
                "const c = document.querySelector(arguments[0]); return c ? c.dataset.photoId : null",
                "li.photo[data-status=" + status + "]");
    }

    /** Clicks the card's button in one script, so a re-render between finding and clicking cannot intervene. */
    private static void clickButton(String photoId, String text) {
        js(
                "[...document.querySelector(arguments[0]).querySelectorAll('button')].find(b => b.textContent === arguments[1]).click()",
                "li.photo[data-photo-id='" + photoId + "']",
                text);
    }

    private static String attribute(String css, String name) {
        return (String) js(
                "const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null",
                css,
                name);
    }

    private static void type(String id, String text) {
        var input = browser.findElement(By.id(id));
        input.clear();
        input.sendKeys(text);
    }

    private static void submit(String formId) {
        browser.findElement(By.cssSelector("#" + formId + " button[type=submit]"))
                .click();
    }

    /** The photo ids in the order the page shows them, read in one script. */
    private static java.util.List<String> order() {
        return strings(js("return [...document.querySelectorAll('li.photo')].map(li => li.dataset.photoId)"));
    }

    /** The text of every element the selector finds, read in one script. */
    private static java.util.List<String> texts(String css) {
        return strings(js("return [...document.querySelectorAll(arguments[0])].map(e => e.textContent)", css));
    }

    private static java.util.List<String> strings(Object list) {
        return ((java.util.List<?>) list).stream().map(String::valueOf).toList();
    }

    private static String progress() {
        return browser.findElement(By.id("progress")).getAttribute("value");
    }

    private static String message() {
        return browser.findElement(By.id("message")).getText();
    }

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser).executeScript(script, args);
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }
}
