"""The CLI's summaries in the officer's language: --lang, else the program's first language."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def broken_aimak(tmp_path: Path) -> Path:
    text = (ROOT / "plugins/kyrgyz_aa/data/sample.yaml").read_text(encoding="utf-8")
    path = tmp_path / "aimak.yaml"
    path.write_text(text.replace("date: 2024-06-17", "date: 05.03.2026", 1), encoding="utf-8")
    return path


def test_validate_speaks_the_program_s_first_language(broken_aimak: Path) -> None:
    code, out = run_cli("validate", str(broken_aimak))
    assert code == 1
    assert "ЖАРАКСЫЗ (1 ката" in out and "ЖЖЖЖ-АА-КК" in out
    assert "NOT valid" not in out and "error(s)" not in out and "must be written" not in out


def test_validate_lang_chooses_the_language(broken_aimak: Path) -> None:
    code, out = run_cli("validate", str(broken_aimak), "--lang", "ru")
    assert code == 1
    assert "НЕ прошла проверку (1 ошибка" in out and "ГГГГ-ММ-ДД" in out
    code, out = run_cli("validate", str(broken_aimak), "--lang", "en")
    assert "NOT valid (1 error, " in out and "YYYY-MM-DD, such as 2026-03-05" in out


def test_excel_template_says_what_it_wrote_in_the_workbook_s_language(tmp_path: Path) -> None:
    code, out = run_cli("excel", "template", "kg.aa", "--lang", "ru", "-o", str(tmp_path / "a.xlsx"))
    assert code == 0 and "записан новый файл" in out and "заголовки на языке ru" in out


def test_an_error_that_stops_a_command_is_in_the_user_s_language(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The message of an `InputError` is a catalog msgid: the CLI shows it in --lang, else LANGUAGE/LANG;
    `str(exc)` stays English for logs and Python users."""
    from sedp_core.errors import InputError
    from sedp_core.input.readers import read_yaml

    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    old_excel = tmp_path / "old.xls"
    old_excel.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    code, out = run_cli("validate", str(empty), "--lang", "ky")
    assert code == 2 and "error [input.empty]" in out and "файл бош" in out and "is empty" not in out
    monkeypatch.setenv("LANGUAGE", "ru")
    code, out = run_cli("validate", str(tmp_path / "missing.yaml"))
    assert code == 2 and "не удаётся прочитать файл" in out and "cannot read" not in out
    code, out = run_cli("excel", "import", str(old_excel), "-o", str(tmp_path / "p.yaml"))
    assert code == 2 and "это старая книга Excel 97-2003 (.xls)" in out
    monkeypatch.setenv("LANGUAGE", "mn")
    code, out = run_cli("render", str(tmp_path / "notes.txt"), "--out", str(tmp_path / "out"))
    assert code == 2 and "sedp .txt файлыг уншдаггүй" in out
    with pytest.raises(InputError) as caught:
        read_yaml(empty)
    assert str(caught.value) == f"{empty}: the file is empty"
    assert caught.value.in_language("ru") == f"{empty}: файл пуст"


def test_the_render_summary_is_in_the_user_s_language_with_its_plural_forms(tmp_path: Path) -> None:
    missing = [str(tmp_path / f"p{i}.yaml") for i in range(2)]
    code, out = run_cli("render", *missing, "--out", str(tmp_path / "out"), "--lang", "ru", "-j", "1")
    assert code == 2
    assert f"0 документов из 2 программ записаны в {tmp_path / 'out'}; 2 сбоя" in out
    code, out = run_cli("render", missing[0], "--out", str(tmp_path / "out"), "-j", "1")
    assert f"0 documents from 1 program written to {tmp_path / 'out'}; 1 failure" in out


def test_no_methodology_a_yaml_error_and_a_file_in_the_way_are_in_the_user_s_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [unclosed\n", encoding="utf-8")
    no_methodology = tmp_path / "plain.yaml"
    no_methodology.write_text("id: x\n", encoding="utf-8")
    code, out = run_cli("validate", str(broken), str(no_methodology), "--lang", "ru")
    assert code == 2 and "ошибка YAML: " in out and "в программе не указана методика" in out
    code, out = run_cli("excel", "template", "nowhere", "--lang", "ky", "-o", str(tmp_path / "a.xlsx"))
    assert code == 2 and "белгисиз методика «nowhere»" in out
    monkeypatch.setenv("LANGUAGE", "mn")
    (tmp_path / "a.xlsx").write_bytes(b"x")
    code, out = run_cli("excel", "template", "kg.aa", "-o", str(tmp_path / "a.xlsx"))
    assert code == 2 and "аль хэдийн байна; юу ч бичээгүй" in out and "already exists" not in out


def test_sedp_help_is_in_the_user_s_language_and_back_in_english(monkeypatch: pytest.MonkeyPatch) -> None:
    from sedp_core.cli import cli
    from sedp_core.cli.group import SHORT_HELP

    core = {name for name, c in cli.commands.items() if c.callback and c.callback.__module__.startswith("sedp_core")}
    assert set(SHORT_HELP) == core  # every core command has its line in the catalog (plugins' may be loaded)
    monkeypatch.setenv("LANGUAGE", "ru")
    code, out = run_cli("--help")
    assert code == 0 and out.startswith("Использование: ")
    assert "Команды:" in out and "Проверить файлы программ" in out and "Показать эту справку и выйти." in out
    assert "sedp: программы социально-экономического развития" in out
    code, out = run_cli("validate", "--help")
    assert out.startswith("Использование: ") and " validate [ПАРАМЕТРЫ]" in out and "Параметры:" in out
    monkeypatch.setenv("LANGUAGE", "en")  # one process, another language: nothing of Russian is left
    code, out = run_cli("--help")
    assert out.startswith("Usage: ") and "Commands:" in out and "Check program files" in out
    assert "Команды" not in out and "Show this message and exit." in out


def test_the_help_of_the_officer_s_commands_is_in_the_user_s_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "ky")
    for words, expected in ((("validate",), "Программа файлдарын"), (("render",), "бардык документтерин"),
                            (("init",), "түшүндүрмөлөрү"), (("excel", "template"), "бош китеп"),
                            (("excel", "import"), "китебин")):
        code, out = run_cli(*words, "--help")
        assert code == 0 and expected in " ".join(out.split()), words  # as one line: click wraps the text
    code, out = run_cli("render", "--help")
    assert "Документтер жазыла турган папка." in out and "Folder the documents" not in out


def test_a_workbook_without_the_program_sheet_is_refused_in_the_user_s_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Other"
    workbook.save(tmp_path / "other.xlsx")
    monkeypatch.setenv("LANGUAGE", "ky")
    code, out = run_cli("excel", "import", str(tmp_path / "other.xlsx"), "-o", str(tmp_path / "p.yaml"))
    assert code == 2 and "китепте «program» барагы жок" in out and "(табылган барактар: Other)" in out


def test_the_result_lines_of_export_survey_form_and_render_are_in_the_user_s_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sample = ROOT / "plugins/kyrgyz_aa/data/sample.yaml"
    monkeypatch.setenv("LANGUAGE", "ru")
    code, out = run_cli("export", str(sample), "--format", "json", "--out", str(tmp_path / "p.json"))
    assert code == 0 and f"записан новый файл {tmp_path / 'p.json'} в формате json" in out
    code, out = run_cli("survey", "form", "kg.aa", "--lang", "ky", "-o", str(tmp_path / "f.xlsx"))
    assert code == 0 and "KoboToolbox же ODK Central" in out and "upload it" not in out
    code, out = run_cli("render", str(sample), "--out", str(tmp_path / "out"), "--document", "nope", "--lang", "ru",
                        "-j", "1")
    assert code == 1 and "error: ни в одной программе нет документа nope" in out


def test_survey_template_and_pdf_errors_are_in_the_user_s_language(
        wells_plugin: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from sedp_core.errors import SedpError
    from sedp_core.rendering.pdf import pdf_tools

    monkeypatch.setenv("LANGUAGE", "ky")
    empty = tmp_path / "export.csv"
    empty.write_text("", encoding="utf-8")
    code, out = run_cli("survey", "import", str(empty), "--methodology", "wells", "--field", "/wells",
                        "-o", str(tmp_path / "items.yaml"))
    assert code == 2 and f"{empty}: экспорт бош" in out and "the export is empty" not in out
    sample = ROOT / "plugins/kyrgyz_aa/data/sample.yaml"
    own = tmp_path / "templates"
    own.mkdir()
    (own / "program.docx").write_bytes(b"not a zip")
    code, out = run_cli("render", str(sample), "--out", str(tmp_path / "out"), "--templates", str(own),
                        "--document", "program", "--lang", "ru", "-j", "1")
    assert code == 2 and f"{own / 'program.docx'}: шаблон — неправильный файл .docx (zip)" in out
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(SedpError) as caught:
        pdf_tools()
    assert caught.value.in_language("mn").startswith("LibreOffice суулгаагүй байна")
    assert str(caught.value).startswith("LibreOffice is not installed")


def test_errors_with_details_are_in_the_user_s_language(wells_plugin: object, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import zipfile

    from sedp_core.errors import SedpError
    from sedp_core.rendering.templates import check_template_file

    monkeypatch.setenv("LANGUAGE", "ky")
    export = tmp_path / "export.csv"
    export.write_text("id;name\nW-1;x\n", encoding="utf-8")
    code, out = run_cli("survey", "import", str(export), "--methodology", "wells", "--field", "/nope",
                        "-o", str(tmp_path / "items.yaml"))
    assert code == 2 and "/nope — wells@1 программасынын сурамжылоо чогулта ала турган тизмеси эмес" in out
    unsafe = tmp_path / "unsafe.docx"
    with zipfile.ZipFile(unsafe, "w") as zf:
        zf.writestr("../evil.xml", "x")
    with pytest.raises(SedpError) as caught:
        check_template_file(unsafe)
    assert caught.value.in_language("ru") == f"{unsafe}: в шаблоне небезопасный путь внутри архива: '../evil.xml'"


def test_the_help_of_export_and_survey_commands_is_in_the_user_s_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "ru")
    for words, expected in ((("excel", "export"), "прочитает обратно без изменений"),
                            (("export",), "в другом формате"), (("survey", "form"), "чтобы загрузить в KoboToolbox"),
                            (("survey", "import"), "какие добавлены и какие заменены")):
        code, out = run_cli(*words, "--help")
        assert code == 0 and expected in " ".join(out.split()), words  # as one line: click wraps the text
    code, out = run_cli("survey", "import", "--help")
    assert "Начало id, которые получат записи." in out and "Prefix of the ids" not in out


def test_export_and_survey_usage_errors_are_in_the_user_s_language(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "ru")
    sample = ROOT / "plugins/kyrgyz_aa/data/sample.yaml"
    code, out = run_cli("export", str(sample), "--format", "nope", "--out", str(tmp_path / "x"))
    assert code == 2 and "неизвестный формат 'nope' (известны: " in out
    code, out = run_cli("survey", "form", "kg.aa", "--program", str(ROOT / "plugins/mongolia_onhs/data/sample.yaml"),
                        "-o", str(tmp_path / "f.xlsx"))
    assert code == 2 and "программа следует методике mn.onhs" in out and "not kg.aa" not in out


def test_validate_json_gives_an_unusable_file_s_message_in_the_user_s_language(tmp_path: Path) -> None:
    import json

    binary = tmp_path / "photo.yaml"
    binary.write_bytes(b"\x00\x01\x02 not text")
    code, out = run_cli("validate", "--json", "--lang", "ky", str(binary))
    report = json.loads(out.splitlines()[0])
    assert code == 2 and report["unusable"]["code"] == "input.binary"  # the code stays as tools read it
    message = report["unusable"]["message"]
    assert message != "this is a binary file, not YAML or JSON text" and any("а" <= ch <= "я" for ch in message)
    assert str(binary) not in message  # the location has its own field


def _core_commands(group: object = None, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and subcommand of the core (a plugin's commands have their own words)."""
    import click

    from sedp_core.cli import cli

    found: list[tuple[str, ...]] = []
    for name, command in sorted((group or cli).commands.items()):
        if command.callback is None or not command.callback.__module__.startswith("sedp_core."):
            continue
        found.append((*prefix, name))
        if isinstance(command, click.Group):
            found += _core_commands(command, (*prefix, name))
    return found


def _english_lines(help_text: str, english: str) -> list[str]:
    """The lines of `help_text` that are lines of the English help too, apart from those made only of option
    names, metavars, names such as Excel, and punctuation (`--out PATH`, `[OPTIONS]`, `-h, --help`)."""
    english_lines = {line.strip() for line in english.splitlines()}
    word = re.compile(r"[(\"'`]*[a-z][A-Za-z]*[)\"'`.,:;]*")  # not `-o`, `PATH`, `Excel`, `id,title,cost.amount`
    return [line for line in help_text.splitlines() if line.strip() in english_lines
            and any(word.fullmatch(token) for token in line.split())]


_CLICK_ENGLISH = ("Usage:", "Options:", "Commands:", "[default:", "[required]", "Show this message and exit.",
                  "[OPTIONS]", "COMMAND [ARGS]")
# what an option takes, as click names it (`--out PATH`); arguments keep their names (FILE, PATHS), which the
# help texts use
_ENGLISH_METAVAR = re.compile(r"^\s+(?:-\w, )?--[\w-]+ (TEXT|PATH|INTEGER|FILE|DIRECTORY|FLOAT)\b", re.M)


@pytest.mark.parametrize("language", ["ky", "ru", "mn"])
def test_every_command_s_help_is_in_the_user_s_language(language: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each --help of the core, with LANGUAGE, has no line of the English help (its text, click's words, the
    marks `[default: ...]` and `[required]`), and neither has it with `--lang` where the command has one."""
    commands = _core_commands()
    assert ("schema", "diff") in commands and ("templates", "check") in commands and ("plugins",) in commands
    problems = []
    for words in [(), *commands]:
        monkeypatch.setenv("LANGUAGE", "en")
        code, english = run_cli(*words, "--help")
        assert code == 0 and english.startswith("Usage: "), words
        monkeypatch.setenv("LANGUAGE", language)
        code, shown = run_cli(*words, "--help")
        runs = [("LANGUAGE", shown)]
        if " --lang " in english:  # the command's own option names the language too
            monkeypatch.setenv("LANGUAGE", "en")
            runs.append(("--lang", run_cli(*words, "--lang", language, "--help")[1]))
        for how, text in runs:
            left = (_english_lines(text, english) + [w for w in _CLICK_ENGLISH if w in text]
                    + _ENGLISH_METAVAR.findall(text))
            if left:
                problems.append(f"sedp {' '.join(words)} --help ({how}={language}): {left}")
    assert not problems, "\n".join(problems)


def test_the_root_s_lang_gives_the_help_of_a_command_and_its_messages(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "en")
    code, out = run_cli("--lang", "ky", "render", "--help")
    assert code == 0 and out.startswith("Колдонуу: cli render") and "Документтер жазыла турган папка." in out
    code, out = run_cli("render", "--lang", "ky", "--help")
    assert code == 0 and "[демейки: out]" in out and "Бул маалыматты көрсөтүп, чыгуу." in out
    code, out = run_cli("--help", "--lang", "ru")
    assert out.startswith("Использование: cli [ПАРАМЕТРЫ] КОМАНДА") and "Язык справки и сообщений sedp" in out
    code, out = run_cli("--lang", "mn", "validate", str(tmp_path / "missing.yaml"))
    assert code == 2 and "файлыг уншиж чадсангүй: ийм файл эсвэл хавтас байхгүй" in out
    code, out = run_cli("validate", str(tmp_path / "missing.yaml"))  # the next command is in LANGUAGE again
    assert "cannot read the file: there is no such file or folder" in out


def test_click_s_usage_errors_are_in_the_user_s_language(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "ky")
    code, out = run_cli("excel", "template")
    assert code == 2 and "Ката: Жетишпеген аргумент 'METHODOLOGY'." in out
    assert "Жардам: 'cli excel template --help'." in out and "Missing argument" not in out and "Error" not in out
    code, out = run_cli("validate", "--bogus", "x.yaml")
    assert code == 2 and "'--bogus' деген параметр жок" in out and "No such option" not in out
    monkeypatch.setenv("LANGUAGE", "en")
    code, out = run_cli("render", "x.yaml", "--jobs", "many", "--lang", "ru")
    assert code == 2 and "Ошибка: Неверное значение для '--jobs' / '-j': 'many'" in out
    code, out = run_cli("excel", "export", "x.yaml", "--lang", "mn")
    assert code == 2 and "Дутуу сонголт '-o' / '--output'." in out


def test_every_click_module_speaks_through_the_catalog() -> None:
    """click's modules take `_` and `ngettext` from the standard gettext; all of them are pointed at the
    catalog, so that a new click version with words in a new module does not go unnoticed."""
    import gettext
    import sys

    from sedp_core.cli import click_words

    click_words.install()
    kept = [name for name, module in sys.modules.items() if (name == "click" or name.startswith("click."))
            and (getattr(module, "_", None) is gettext.gettext or getattr(module, "ngettext", None) is gettext.ngettext)
            and name != "click._termui_impl"]
    assert not kept


def test_the_system_s_reason_for_a_file_is_in_the_user_s_language(tmp_path: Path) -> None:
    import errno

    from sedp_core.errors import InputError, OutputError, os_reason
    from sedp_core.rendering.fileio import write_atomic

    folder = tmp_path / "program.yaml"
    folder.mkdir()
    error = InputError("cannot read the file: {reason}", params={"reason": os_reason(IsADirectoryError(
        errno.EISDIR, "Is a directory"))}, location=str(folder))
    assert error.in_language("ky") == f"{folder}: файлды окуу мүмкүн эмес: бул файл эмес, папка"
    assert str(error) == f"{folder}: cannot read the file: it is a folder, not a file"
    assert str(os_reason(OSError(errno.ENOEXEC, "Exec format error"))) == "Exec format error"  # no word of ours
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(OutputError) as caught:
        write_atomic(tmp_path / "notes.txt" / "out.docx", b"x")
    assert caught.value.in_language("ru").endswith(
        "не удаётся записать файл: файл или папка с таким именем уже есть; ничего не записано")


def test_a_plugin_author_s_error_is_in_the_user_s_language() -> None:
    """`PluginError` messages (what a plugin registers or does wrong) are msgids too: `str()` stays English."""
    from sedp_core.errors import PluginError
    from sedp_core.registry.collect import get_registry
    from sedp_core.rendering.context_helpers import fill_label

    methodology = get_registry().methodology("kg.aa")
    with pytest.raises(PluginError) as caught:
        fill_label(methodology, "no_such_label", "ky", None, {}, {})
    assert str(caught.value) == f"methodology {methodology.key} has no label 'no_such_label'"
    assert caught.value.in_language("ru") == f"у методики {methodology.key} нет надписи 'no_such_label'"
    with pytest.raises(PluginError) as caught:
        fill_label(methodology, "x", "ky", None, {"a": 1}, {"x": "{b}"})
    assert caught.value.in_language("mn").endswith("(өгсөн утгууд: a)")


def test_templates_check_of_a_municipality_s_folder_reports_in_the_user_s_language(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pickle

    from sedp_core.i18n import Sentence

    (tmp_path / "letterhead.docx").write_bytes(b"not read: its name replaces no document")
    monkeypatch.setenv("LANGUAGE", "ky")
    code, out = run_cli("templates", "check", "--templates", str(tmp_path))
    assert code == 1 and "орнотулган методикалардын бир да документин алмаштырбайт" in out, out
    assert "replaces no document" not in out
    # A problem stays the English string callers compare, and says itself in another language.
    problem = Sentence("{where}: {problem}", where="kg.aa program [ru]",
                       problem=Sentence("heading {heading} is missing", heading="'1. ОБЩАЯ'"))
    assert problem == "kg.aa program [ru]: heading '1. ОБЩАЯ' is missing" and "is missing" in problem
    assert problem.in_language("ru") == "kg.aa program [ru]: нет заголовка '1. ОБЩАЯ'"
    assert pickle.loads(pickle.dumps(problem)).in_language("ru") == problem.in_language("ru")


def test_templates_check_of_a_missing_folder_says_so_in_the_user_s_language(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANGUAGE", "ky")
    code, out = run_cli("templates", "check", "--templates", str(tmp_path / "nope"))
    assert code == 2 and "үлгүлөр папкасы жок же папка эмес" in out and "Directory" not in out


def test_the_version_line_is_in_the_user_s_language(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib.metadata import version

    code, out = run_cli("--lang", "ru", "--version")
    assert code == 0 and out == f"sedp, версия {version('sedp')}\n"
    monkeypatch.setenv("LANGUAGE", "en")
    code, out = run_cli("--version")
    assert code == 0 and out == f"sedp, version {version('sedp')}\n"


def test_the_progress_bar_s_words_are_in_the_user_s_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sedp_core.cli import batch_report

    verbs: list[str] = []

    class Recording(batch_report.BatchProgress):
        def __init__(self, files: object, workers: int, verb: str, *args: object, **kwargs: object) -> None:
            verbs.append(verb)
            super().__init__(files, workers, verb, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(batch_report, "BatchProgress", Recording)
    run_cli("render", str(tmp_path / "p.yaml"), "--out", str(tmp_path / "out"), "--lang", "ru", "-j", "1")
    run_cli("summary", str(tmp_path / "p.yaml"), "--out", str(tmp_path / "out"), "--lang", "ky")
    assert verbs == ["формируется", "окулууда"]
