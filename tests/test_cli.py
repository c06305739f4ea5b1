"""The command line's own help: the version, the parameters, every option's default."""

from __future__ import annotations

import pytest

from pipeline.cli import main
from pipeline.settings import INTERNAL, AlmpSettings, parameter_docs


def test_version(capsys):
    with pytest.raises(SystemExit) as e:
        main(["--version"])
    assert e.value.code == 0 and capsys.readouterr().out.startswith("almp 0.")


def test_params_lists_every_parameter_with_its_default_and_meaning(capsys):
    assert main(["params"]) == 0
    out = capsys.readouterr().out.splitlines()
    names = [n for n in AlmpSettings.model_fields if n not in INTERNAL]
    assert [line.split()[0] for line in out] == names
    docs = {n: (d, m) for n, d, m in parameter_docs()}
    assert all(m for _, m in docs.values())  # every parameter says what it is
    assert docs["reference_week"][0] == "2014-W20" and "Tabel 3.1" in docs["reference_week"][1]
    assert docs["min_cell"][0] == 5


@pytest.mark.parametrize("command", [["run"], ["generate"], ["report"], ["jobindsats", "fetch"], ["status"]])
def test_every_option_says_its_default(command, capsys):
    with pytest.raises(SystemExit):
        main([*command, "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "(default:" in text or command == ["report"]
    for option in {"run": ["--reference-week", "--max-gap-weeks"], "generate": ["--persons", "--seed", "--layout"],
                   "report": ["--out"], "jobindsats": ["--api", "--retries"], "status": ["--data"]}[command[0]]:
        assert option in text


def test_no_browser_means_no_pdf_and_says_so(tmp_path, monkeypatch, capsys):
    from pipeline.report import pdf

    page = tmp_path / "udskrift.html"
    page.write_text("<html><body>x</body></html>", encoding="utf-8")
    monkeypatch.setenv("ALMP_PDF", "1")
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    assert pdf.print_pdf(page) is None and not (tmp_path / "report.pdf").exists()
    assert "no PDF: there is no Chromium" in capsys.readouterr().err
    # a run prints from its staging folder, and names the page where the user will find it
    published = tmp_path / "out" / "report" / "udskrift.html"
    assert pdf.print_pdf(page, shown_as=published) is None
    err = capsys.readouterr().err
    assert f"open {published} in a browser" in err and str(page) not in err
    monkeypatch.setenv("ALMP_PDF", "0")  # the test suite's quiet default: no PDF, and no message
    assert pdf.print_pdf(page) is None and capsys.readouterr().err == ""
