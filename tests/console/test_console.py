"""The web console in a real browser (headless Chromium) against a real `tusk serve`: create a
project and a repo, upload a file through the page and see it in the file browser, create
pipelines from the CLI and watch their jobs succeed in the DAG and job pages, open a failing
datum and read its log, page through a long folder, and use the console from the keyboard and
in a narrow window."""

from __future__ import annotations

import json

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from console_pages import JOB_WAIT

pytestmark = pytest.mark.timeout(400)


def write_spec(cli, name: str, spec: dict):
    path = cli.workdir / f"{name}.json"
    path.write_text(json.dumps(spec))
    return path


def shell_pipeline(project: str, name: str, source: str, glob: str, script: str, tries: int = 3) -> dict:
    return {
        "pipeline": {"name": name, "project": {"name": project}},
        "description": f"{name} (browser suite)",
        "input": {"pfs": {"repo": source, "project": project, "branch": "master", "glob": glob}},
        "transform": {"image": "debian:12", "cmd": ["sh", "-c", script]},
        "datum_tries": tries,
    }


def test_create_project_and_repo_then_upload_a_file_and_preview_it(page, unique_name, tmp_path, screenshot):
    project = unique_name("console", limit=40)
    repo = "cities"
    page.open("/")
    page.fill("#create-project-name", project)
    page.fill("#create-project-description", "made in the browser")
    page.click("#create-project button[type=submit]")
    page.click(f'a[data-key="project-{project}"]')
    page.wait_for_heading(f"Project {project}")
    page.wait_for_text("#dag", "Nothing to draw yet")

    page.fill("#create-repo-name", repo)
    page.click("#create-repo button[type=submit]")
    page.click(f'a[data-key="repo-{repo}"]')
    page.wait_for_heading(f"Repo {repo}")
    page.wait_for_text("#files", "No commits yet")
    page.wait_for_text("#commits", "No commits yet")

    local = tmp_path / "population.csv"
    local.write_text("city,population\nOslo,709037\nLima,10092000\n")
    page.find("#upload-form")
    page.driver.find_element(By.CSS_SELECTOR, "#upload-files").send_keys(str(local))
    page.wait_for_text("#upload-submit", "Upload 1 file")
    page.click("#upload-submit")
    page.wait_for_text("#upload-status", "Uploaded 1 file")

    page.click('a[data-key="file-/population.csv"]')
    page.wait_for_text(".preview-csv", "Lima")
    cells = page.texts(".preview-csv td")
    assert cells[:2] == ["Oslo", "709037"], cells
    assert page.texts(".preview-csv th") == ["city", "population"]
    screenshot("file-preview")

    page.open(f"/projects/{project}/repos/{repo}")
    rows = page.driver.find_elements(By.CSS_SELECTOR, "#commits tbody tr")
    assert len(rows) == 1
    assert "uploaded" in rows[0].text
    assert "population.csv" in page.find("#files").text
    screenshot("repo")


def test_three_stage_dag_runs_and_its_jobs_succeed_in_the_dag_and_job_pages(page, cli, unique_name, screenshot):
    project = unique_name("dag", limit=40)
    cli.ok("create", "project", project, "--description", "three stages")
    cli.ok("create", "repo", "words", "--project", project)
    for index, text in enumerate(["alpha beta", "gamma", "delta epsilon zeta"]):
        local = cli.workdir / f"words{index}.txt"
        local.write_text(text + "\n")
        cli.ok("put", "file", f"words@master:/words{index}.txt", "-f", str(local), "--project", project)
    stages = [
        shell_pipeline(project, "upper", "words", "/*", 'for f in /pfs/words/*; do tr a-z A-Z < "$f" > /pfs/out/$(basename "$f"); echo "upper $f"; done'),
        shell_pipeline(project, "counts", "upper", "/*", 'for f in /pfs/upper/*; do wc -w < "$f" > /pfs/out/$(basename "$f").count; done'),
        shell_pipeline(project, "total", "counts", "/", 'cat /pfs/counts/* | awk \'{s+=$1} END {print s}\' > /pfs/out/total.txt'),
    ]
    for stage in stages:
        cli.ok("create", "pipeline", "-f", str(write_spec(cli, stage["pipeline"]["name"], stage)), "--project", project)

    page.open(f"/projects/{project}")
    for name in ("upper", "counts", "total"):
        page.wait_for_attribute(f'svg.dag a[data-node="pipeline:{project}/{name}"]', "data-job-state", {"success"}, timeout=JOB_WAIT)
    columns = {}
    for node in page.driver.find_elements(By.CSS_SELECTOR, "svg.dag a.node"):
        x = float(node.find_element(By.CSS_SELECTOR, "rect").get_attribute("x"))
        columns[node.get_attribute("data-node")] = x
    assert columns[f"repo:{project}/words"] < columns[f"pipeline:{project}/upper"] < columns[f"repo:{project}/upper"]
    assert columns[f"repo:{project}/counts"] < columns[f"pipeline:{project}/total"] < columns[f"repo:{project}/total"]
    assert len(page.driver.find_elements(By.CSS_SELECTOR, "svg.dag path.edge")) == 6
    screenshot("dag")

    page.click(f'svg.dag a[data-node="pipeline:{project}/counts"]')
    page.wait_for_heading("Pipeline counts")
    page.wait_for_attribute("#jobs tbody tr", "data-state", {"success"}, timeout=JOB_WAIT)
    assert page.find("#pipeline-state-value .state").get_attribute("data-state") in {"running", "standby"}
    screenshot("pipeline")
    page.click("#jobs tbody tr a")
    page.wait_for_heading("Job")
    page.wait_for_attribute("#job-state", "data-state", {"success"})
    assert "3 of 3" in page.find("#job-summary").text
    screenshot("job")

    page.open(f"/projects/{project}/repos/total/browse/master/total.txt")
    page.wait_for_text(".preview-text", "6")
    assert page.find(".preview-text").text.strip() == "6"


def test_a_failing_datum_is_found_by_filter_and_its_log_read(page, cli, unique_name, screenshot):
    project = unique_name("fail", limit=40)
    cli.ok("create", "project", project)
    cli.ok("create", "repo", "inbox", "--project", project)
    for name, text in (("fine.txt", "all good"), ("broken.txt", "this one is bad"), ("also-fine.txt", "ok")):
        local = cli.workdir / name
        local.write_text(text)
        cli.ok("put", "file", f"inbox@master:/{name}", "-f", str(local), "--project", project)
    picky = shell_pipeline(
        project, "picky", "inbox", "/*",
        'for f in /pfs/inbox/*; do if grep -q bad "$f"; then echo "refusing $f: marker-7731" >&2; exit 3; fi; cp "$f" /pfs/out/; done',
        tries=1)
    cli.ok("create", "pipeline", "-f", str(write_spec(cli, "picky", picky)), "--project", project)

    page.open(f"/projects/{project}/pipelines/picky")
    page.wait_for_attribute("#jobs tbody tr", "data-state", {"failure"}, timeout=JOB_WAIT)
    page.click("#jobs tbody tr a")
    page.wait_for_attribute("#job-state", "data-state", {"failure"})
    page.wait_for_text("#filter-failed", "Failed (1)")
    page.click("#filter-failed")
    page.wait_for_text("#datums", "inbox:/broken.txt")
    rows = page.driver.find_elements(By.CSS_SELECTOR, "#datums tbody tr")
    assert [row.get_attribute("data-state") for row in rows] == ["failed"]
    page.click("#datums tbody tr a")
    page.wait_for_heading("Datum")
    page.wait_for_attribute("#datum-state", "data-state", {"failed"})
    page.wait_for_text("#datum-log", "marker-7731")
    assert "/broken.txt" in page.find("#datum-inputs").text
    screenshot("datum")


def test_a_long_folder_is_paged_with_a_more_control(page, cli, unique_name):
    project = unique_name("many", limit=40)
    cli.ok("create", "project", project)
    cli.ok("create", "repo", "bulk", "--project", project)
    folder = cli.workdir / "bulk"
    folder.mkdir()
    for index in range(230):
        (folder / f"item{index:04d}.txt").write_text(str(index))
    cli.ok("put", "file", "-r", "bulk@master:/items", "-f", str(folder), "--project", project)

    page.open(f"/projects/{project}/repos/bulk/browse/master/items")
    page.wait_for_text("#files-count", "Showing 100 of 230")
    assert len(page.driver.find_elements(By.CSS_SELECTOR, "#files tbody tr")) == 100
    page.click("#files-more")
    page.wait_for_text("#files-count", "Showing 200 of 230")
    page.click("#files-more")
    page.wait_for_text("#files-count", "Showing 230 of 230")
    assert not page.driver.find_elements(By.CSS_SELECTOR, "#files-more")
    names = page.texts("#files tbody tr td:first-child")
    assert names[0] == "item0000.txt" and names[-1] == "item0229.txt"


def test_errors_are_shown_where_they_happen(page, unique_name):
    page.open("/")
    page.fill("#create-project-name", "not a valid name!")
    page.click("#create-project button[type=submit]")
    error = page.find("#create-project .error")
    assert "Not created" in error.text and "project" in error.text.lower()

    page.open("/projects/no-such-project-here")
    page.wait_for_heading("Something went wrong")
    assert "not found" in page.find("main .error").text.lower()

    page.driver.get(f"{page.base_url}/#/definitely/not/a/page")
    page.wait_for_heading("Page not found")


def test_keyboard_navigation_and_a_narrow_window(page, browser):
    browser.set_window_size(420, 800)
    browser.get("about:blank")
    page.open("/")
    page.wait_for_text("#projects", "default")
    overflow = browser.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"the projects page scrolls sideways by {overflow}px at 420px wide"

    ActionChains(browser).send_keys(Keys.TAB).perform()
    assert browser.switch_to.active_element.get_attribute("id") == "skip-link"
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    assert browser.switch_to.active_element.get_attribute("id") == "main"
    assert browser.execute_script("return location.hash") == "#/"

    for _ in range(40):
        active = browser.switch_to.active_element
        if active.get_attribute("data-key") == "project-default":
            break
        active.send_keys(Keys.TAB)
    else:
        pytest.fail("Tab never reached the link of the default project")
    browser.switch_to.active_element.send_keys(Keys.ENTER)
    page.wait_for_heading("Project default")
    overflow = browser.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1, f"the project page scrolls sideways by {overflow}px at 420px wide"
