"""`film-bot ask` and `film-bot chat`: the same answers as the core, as text or one JSON line each."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.catalog import load_catalog
from bot.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
ALL_IDS = [f.id for f in load_catalog()]


@pytest.fixture(autouse=True)
def _default_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FILM_BOT_CATALOG", raising=False)
    monkeypatch.delenv("FILM_BOT_TIMEZONE", raising=False)


def ask_json(capsys: pytest.CaptureFixture[str], *query: str) -> dict[str, object]:
    assert main(["ask", "--json", *query]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


def test_ask_prints_the_answer(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "who", "directed", "the", "voice?"]) == 0
    out = capsys.readouterr().out
    assert out == "The Voice (1982) was directed by Ilya Averbakh.\n"


def test_ask_a_russian_question(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "когда вышла раба любви"]) == 0
    assert "1976" in capsys.readouterr().out


def test_ask_json_gives_one_line_with_the_five_keys(capsys: pytest.CaptureFixture[str]) -> None:
    data = ask_json(capsys, "fun fact about springtime")
    assert set(data) == {"query", "intent", "films", "lang", "text"}
    assert data["lang"] == "en"
    assert data["query"] == "fun fact about springtime"
    assert data["intent"] == "fact"
    assert data["films"] == ["springtime"]
    assert isinstance(data["text"], str) and "Springtime" in data["text"]


def test_ask_json_keeps_cyrillic_readable(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--json", "Голос"]) == 0
    out = capsys.readouterr().out
    assert "Голос" in out and "\\u" not in out


@pytest.mark.parametrize(
    ("query", "intent", "films"),
    [
        ("фильмы Вертова", "filmography", ["man-with-a-movie-camera", "kino-eye"]),
        ("films of 1970", "by_year", ["shine-shine-my-star", "beginning"]),
        ("/films", "list", ALL_IDS),
        ("Stalker", "not_found", []),
        ("hello", "help", []),
    ],
)
def test_ask_json_films_hold_every_listed_film(
    capsys: pytest.CaptureFixture[str], query: str, intent: str, films: list[str]
) -> None:
    data = ask_json(capsys, query)
    assert data["intent"] == intent
    assert data["films"] == films


def test_ask_json_cinema_list(capsys: pytest.CaptureFixture[str]) -> None:
    data = ask_json(capsys, "which films are about cinema?")
    assert data["intent"] == "list"
    expected = {f.id for f in load_catalog() if f.cinema_relation != "none"}
    assert set(data["films"]) == expected  # type: ignore[arg-type]


def test_ask_json_reads_each_stdin_line_in_order(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    questions = ["who directed mirror", "Голос", "Titanic", "films of 1982", "/random", "фильмы Рязанова"]
    monkeypatch.setattr(sys, "stdin", io.StringIO("\n".join(questions) + "\n"))
    assert main(["ask", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["query"] for r in rows] == questions
    assert [r["intent"] for r in rows] == [
        "director",
        "film",
        "not_found",
        "by_year",
        "random",
        "filmography",
    ]
    assert rows[0]["films"] == ["mirror"]
    assert rows[1]["films"] == ["voice"]
    assert rows[2]["films"] == []
    assert rows[5]["films"] == ["irony-of-fate"]


def test_ask_without_json_reads_stdin_too(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("who directed mirror\nwhen did circus come out\n"))
    assert main(["ask"]) == 0
    out = capsys.readouterr().out
    assert out.index("Andrei Tarkovsky") < out.index("1936")


def test_catalog_from_the_environment_changes_what_ask_knows(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # two everyday words name no film of the bundled catalogue
    assert ask_json(capsys, "First Film")["films"] == []
    monkeypatch.setenv("FILM_BOT_CATALOG", str(FIXTURES / "valid.yaml"))
    data = ask_json(capsys, "First Film")
    assert (data["intent"], data["films"]) == ("film", ["first-film"])
    assert ask_json(capsys, "/films")["films"] == ["first-film", "second-film"]
    assert ask_json(capsys, "Mirror")["intent"] == "not_found"


def test_missing_catalog_is_an_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FILM_BOT_CATALOG", str(FIXTURES / "no-such-file.yaml"))
    assert main(["ask", "mirror"]) == 1
    assert "file not found" in capsys.readouterr().err


def test_bad_timezone_is_an_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FILM_BOT_TIMEZONE", "Nowhere/Nothing")
    assert main(["ask", "/today"]) == 2
    assert "FILM_BOT_TIMEZONE" in capsys.readouterr().err


# --- the installed command in a subprocess ---------------------------------------------------


def film_bot() -> list[str]:
    exe = shutil.which("film-bot")
    return [exe] if exe else [sys.executable, "-m", "bot"]


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FILM_BOT_")}
    return {**env, **extra}


def test_chat_answers_stdin_lines_and_exits_on_eof() -> None:
    done = subprocess.run(
        [*film_bot(), "chat"],
        input="who directed the voice\n\nфильмы Муратовой\n",
        capture_output=True,
        text=True,
        timeout=60,
        env=clean_env(),
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "22 Soviet films" in out
    assert "The Voice (1982) was directed by Ilya Averbakh." in out
    assert "Кира Муратова — фильмы в каталоге" in out  # asked in Russian, answered in Russian
    assert "Астенический синдром" in out
    assert out.index("Ilya Averbakh") < out.index("Кира Муратова")


def test_ask_json_subprocess_with_another_catalog() -> None:
    done = subprocess.run(
        [*film_bot(), "ask", "--json"],
        input="Second Film\nwhen did second film come out\n",
        capture_output=True,
        text=True,
        timeout=60,
        env=clean_env(FILM_BOT_CATALOG=str(FIXTURES / "valid.yaml")),
    )
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [(r["intent"], r["films"]) for r in rows] == [("film", ["second-film"]), ("year", ["second-film"])]
    assert "1961" in rows[1]["text"] and "1960" in rows[1]["text"]


def test_check_notes_one_person_spelled_two_ways(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    text = (FIXTURES / "valid.yaml").read_text(encoding="utf-8")
    assert "[Anna Primerova, Pyotr Obraztsov]" in text
    path = tmp_path / "films.yaml"
    path.write_text(text.replace("cast: []", "cast: [Petr Obraztsov]", 1), encoding="utf-8")
    assert main(["check", str(path)]) == 0  # a note, not an error: they may be two people
    out = capsys.readouterr().out
    assert "note: 'Petr Obraztsov' and 'Pyotr Obraztsov' look like one person" in out
    assert main(["check", str(FIXTURES / "valid.yaml")]) == 0
    assert "look like one person" not in capsys.readouterr().out


@pytest.mark.parametrize(("lang", "expected"), [("auto", "en"), ("ru", "ru"), ("en", "en")])
def test_ask_lang_decides_where_the_message_does_not(
    capsys: pytest.CaptureFixture[str], lang: str, expected: str
) -> None:
    assert main(["ask", "--json", "--lang", lang, "/random"]) == 0
    assert json.loads(capsys.readouterr().out)["lang"] == expected
    assert main(["ask", "--json", "--lang", lang, "кто снял зеркало"]) == 0  # the message's own language
    data = json.loads(capsys.readouterr().out)
    assert data["lang"] == "ru" and "Андрей Тарковский" in data["text"]
