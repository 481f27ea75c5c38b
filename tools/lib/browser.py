"""Headless Chromium driven through the DevTools protocol, with Python's
standard library only: the browser is started with --remote-debugging-pipe,
so it reads commands on file descriptor 3 and writes answers and events on
descriptor 4, each a JSON message ended by a NUL byte (no WebSocket needed).

Used by tools/tests/browser-documents (what a person would see in the week
documents) and tools/screenshots (the pictures in doc/).

    with Browser() as browser:
        page = browser.open("file:///tmp/week.html", width=1280, height=900)
        page.evaluate("document.title")
        page.screenshot("/tmp/week.png")
        page.problems    # console errors, exceptions, loads of other files
"""
import base64
import json
import os
import shutil
import subprocess
import tempfile
import time

CHROMIUM = os.environ.get("CHROMIUM", "chromium")


class BrowserError(Exception):
    pass


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="schooltime-chromium-")
        to_browser_r, to_browser_w = os.pipe()
        from_browser_r, from_browser_w = os.pipe()
        # fd 3 is what the browser reads, fd 4 what it writes; os.pipe()'s
        # descriptors close on exec, the two dup2() makes in the child do not
        # (hence close_fds=False: Popen would close them after preexec_fn)
        def child_fds():
            # copies first: a pipe's own descriptor may be 3 or 4 already
            reads, writes = os.dup(to_browser_r), os.dup(from_browser_w)
            os.dup2(reads, 3)
            os.dup2(writes, 4)
        args = [CHROMIUM, "--headless=new", "--remote-debugging-pipe", "--no-sandbox",
                "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                "--disable-background-networking", "--disable-component-update",
                "--mute-audio", "--hide-scrollbars", "--font-render-hinting=none",
                f"--user-data-dir={self.profile}", "about:blank"]
        self.log = open(os.path.join(self.profile, "chromium.log"), "wb")
        self.process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
                                        preexec_fn=child_fds, close_fds=False)
        os.close(to_browser_r)
        os.close(from_browser_w)
        self.writer = os.fdopen(to_browser_w, "wb", buffering=0)
        self.reader = os.fdopen(from_browser_r, "rb", buffering=0)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.writer.close()
        self.reader.close()
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            if time.monotonic() > deadline:
                raise BrowserError("the browser did not answer in time")
            chunk = self.reader.read(65536)
            if not chunk:
                raise BrowserError("the browser closed its pipe (see its log: " + self.profile + ")")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=None, timeout=60):
        """Sends one command and returns its result; events that arrive
        meanwhile are kept in self.events."""
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.writer.write(json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            answer = self._read_message(deadline)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise BrowserError(f"{method}: {answer['error'].get('message')}")
                return answer.get("result", {})
            self.events.append(answer)

    def wait_for(self, method, session, timeout=30):
        """Waits for an event of a page (one already received counts)."""
        deadline = time.monotonic() + timeout
        for event in self.events:
            if event.get("method") == method and event.get("sessionId") == session:
                self.events.remove(event)
                return event
        while True:
            event = self._read_message(deadline)
            if event.get("method") == method and event.get("sessionId") == session:
                return event
            self.events.append(event)

    def open(self, url, width=1280, height=900):
        """A new page of the given viewport size with the document at url
        loaded (the load event fired)."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        page = Page(self, target, session)
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(domain + ".enable", session=session)
        self.send("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False}, session=session)
        self.send("Page.navigate", {"url": url}, session=session)
        self.wait_for("Page.loadEventFired", session)
        # fonts are laid out once they are loaded
        page.evaluate("document.fonts ? document.fonts.ready.then(() => true) : true", await_promise=True)
        page.url = url
        return page


class Page:
    def __init__(self, browser, target, session):
        self.browser = browser
        self.target = target
        self.session = session
        self.url = None

    def send(self, method, params=None):
        return self.browser.send(method, params, session=self.session)

    def evaluate(self, expression, await_promise=False):
        """The value of a JavaScript expression in the page (JSON-able)."""
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": await_promise})
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise BrowserError(f"the page's script failed: {text}")
        return result["result"].get("value")

    @property
    def problems(self):
        """What a reader of the console would see: errors logged, scripts'
        exceptions, and any file loaded besides the document itself (a
        self-contained document loads nothing else)."""
        found = []
        for event in self.browser.events:
            if event.get("sessionId") != self.session:
                continue
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append("exception: " + params["exceptionDetails"].get("text", ""))
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append("console.error: " + " ".join(str(a.get("value", a.get("description")))
                                                          for a in params.get("args", [])))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append("log: " + params["entry"].get("text", ""))
            elif method == "Network.requestWillBeSent":
                requested = params["request"]["url"]
                if requested != self.url and not requested.startswith("data:"):
                    found.append("loads another file: " + requested)
        return found

    def screenshot(self, path, full_page=True):
        """A PNG of the page, the whole document when full_page."""
        params = {"format": "png"}
        if full_page:
            size = self.evaluate("[Math.ceil(document.documentElement.scrollWidth),"
                                 " Math.ceil(document.documentElement.scrollHeight)]")
            params.update({"captureBeyondViewport": True,
                           "clip": {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": 1}})
        data = self.send("Page.captureScreenshot", params)["data"]
        with open(path, "wb") as out:
            out.write(base64.b64decode(data))

    def print_pdf(self, landscape=True, paper=(11.69, 8.27)):
        """The page printed to PDF (A4 landscape by default, as the
        document's @page asks), as bytes."""
        data = self.send("Page.printToPDF", {"landscape": landscape, "paperWidth": min(paper), "paperHeight": max(paper),
                                             "printBackground": True, "preferCSSPageSize": True})["data"]
        return base64.b64decode(data)

    def close(self):
        self.browser.send("Target.closeTarget", {"targetId": self.target})


def pdf_pages(pdf):
    """The number of pages of a PDF as its page tree says (the /Count of its
    root /Pages object, the largest /Count of any /Pages node)."""
    import re
    counts = [int(m.group(1)) for m in re.finditer(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", pdf)]
    counts += [int(m.group(1)) for m in re.finditer(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", pdf)]
    if not counts:
        raise BrowserError("no page tree found in the PDF")
    return max(counts)
