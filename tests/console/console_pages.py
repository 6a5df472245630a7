"""Reading and driving console pages with explicit waits (never fixed sleeps)."""

from __future__ import annotations

from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as conditions
from selenium.webdriver.support.ui import WebDriverWait

DEFAULT_WAIT = 30
JOB_WAIT = 180


class ConsolePage:
    def __init__(self, driver, base_url: str):
        self.driver = driver
        self.base_url = base_url

    def open(self, route: str = "/"):
        """Loads the console at `#route` and waits for its first heading."""
        self.driver.get(f"{self.base_url}/#{route}")
        self.wait_for_heading()
        return self

    def wait(self, timeout: float = DEFAULT_WAIT) -> WebDriverWait:
        return WebDriverWait(self.driver, timeout, ignored_exceptions=(StaleElementReferenceException,))

    def wait_for_heading(self, text: str | None = None, timeout: float = DEFAULT_WAIT) -> str:
        def heading(driver):
            found = driver.find_elements(By.CSS_SELECTOR, "main h1")
            if not found:
                return False
            value = found[0].text
            return value if text is None or text in value else False

        return self.wait(timeout).until(heading, f"no page heading containing {text!r}")

    def find(self, selector: str, timeout: float = DEFAULT_WAIT):
        return self.wait(timeout).until(conditions.visibility_of_element_located((By.CSS_SELECTOR, selector)),
                                        f"nothing visible matches {selector}")

    def click(self, selector: str, timeout: float = DEFAULT_WAIT):
        element = self.wait(timeout).until(conditions.element_to_be_clickable((By.CSS_SELECTOR, selector)),
                                           f"nothing clickable matches {selector}")
        element.click()
        return element

    def wait_for_text(self, selector: str, text: str, timeout: float = DEFAULT_WAIT):
        self.wait(timeout).until(conditions.text_to_be_present_in_element((By.CSS_SELECTOR, selector), text),
                                 f"{selector} never showed {text!r}")
        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def wait_for_attribute(self, selector: str, attribute: str, values: set[str], timeout: float = DEFAULT_WAIT) -> str:
        def matches(driver):
            for element in driver.find_elements(By.CSS_SELECTOR, selector):
                value = element.get_attribute(attribute)
                if value in values:
                    return value
            return False

        return self.wait(timeout).until(matches, f"{selector} never had {attribute} in {sorted(values)}")

    def fill(self, selector: str, text: str):
        element = self.find(selector)
        element.clear()
        element.send_keys(text)
        return element

    def texts(self, selector: str) -> list[str]:
        return [element.text for element in self.driver.find_elements(By.CSS_SELECTOR, selector)]
