"""Pictures a program names (`models.Picture`, `sedp_core.validation.pictures`): checked by reading them, located
findings in
the user's language, printed by the renderer within the bounds the plugin gives, refused when they change."""

from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest
from PIL import Image

from sedp_core.errors import RenderError
from sedp_core.registry.collect import get_registry
from sedp_core.rendering.render import render_to_bytes
from sedp_core.validation.pictures import LoadedPicture, PictureProblem, PictureRef, load_picture
from sedp_core.validation.validate import validate_file
from tests.conftest import ROOT

TOWN = ROOT / "examples" / "kyrgyz_aa" / "ton_bulak_town_2026_2029.yaml"


def png(size: tuple[int, int] = (40, 30), kind: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#336699").save(buffer, kind)
    return buffer.getvalue()


def problem(path: str, folder: Path) -> str:
    with pytest.raises(PictureProblem) as caught:
        load_picture(path, folder)
    return caught.value.code


def test_a_png_or_jpeg_inside_the_folder_is_read(tmp_path: Path) -> None:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "a.png").write_bytes(png())
    (tmp_path / "photo.jpeg").write_bytes(png((30, 60), "JPEG"))
    loaded = load_picture("maps/a.png", tmp_path)
    assert (loaded.format, loaded.width_px, loaded.height_px) == ("PNG", 40, 30)
    assert load_picture("photo.jpeg", tmp_path).format == "JPEG"
    assert load_picture(str(tmp_path / "photo.jpeg"), tmp_path).format == "JPEG"  # absolute, but inside


def test_a_path_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "program"
    folder.mkdir()
    (tmp_path / "outside.png").write_bytes(png())
    assert problem("../outside.png", folder) == "picture.outside-folder"
    assert problem("maps/../../outside.png", folder) == "picture.outside-folder"
    assert problem(str(tmp_path / "outside.png"), folder) == "picture.outside-folder"
    assert problem("/etc/passwd", folder) == "picture.outside-folder"
    os.symlink(tmp_path / "outside.png", folder / "link.png")  # a link leading out is out
    assert problem("link.png", folder) == "picture.outside-folder"


def test_what_is_not_a_whole_png_or_jpeg_within_the_limits_is_refused(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "text.png").write_text("not a picture", encoding="utf-8")
    (tmp_path / "anim.gif").write_bytes(png(kind="GIF"))
    (tmp_path / "cut.png").write_bytes(png((400, 300))[:-200])
    (tmp_path / "big.png").write_bytes(png((400, 300)))
    (tmp_path / "dir.png").mkdir()
    assert problem("none.png", tmp_path) == "picture.missing"
    assert problem("dir.png", tmp_path) == "picture.missing"
    assert problem("text.png", tmp_path) == "picture.not-an-image"
    assert problem("anim.gif", tmp_path) == "picture.not-an-image"
    assert problem("cut.png", tmp_path) == "picture.damaged"
    monkeypatch.setenv("SEDP_MAX_PICTURE_PIXELS", str(400 * 300 - 1))
    assert problem("big.png", tmp_path) == "picture.too-many-pixels"
    monkeypatch.setenv("SEDP_MAX_PICTURE_PIXELS", str(400 * 300))
    assert load_picture("big.png", tmp_path).width_px == 400
    monkeypatch.setenv("SEDP_MAX_PICTURE_BYTES", "100")
    assert problem("big.png", tmp_path) == "picture.too-large"


def test_the_printed_size_keeps_the_proportions_within_both_bounds() -> None:
    wide, tall = LoadedPicture(b"", "PNG", 1600, 800), LoadedPicture(b"", "PNG", 600, 1200)
    ref = PictureRef("x.png", Path(), max_width_mm=160, max_height_mm=120)
    assert ref.width_mm(wide) == 160  # 80 mm high: the width bounds it
    assert ref.width_mm(tall) == 60  # 120 mm high: the height bounds it
    assert PictureRef("x.png", Path(), max_width_mm=160).width_mm(tall) == 160


def town_copy(tmp_path: Path, picture: bytes | None = None, path: str = "ton_bulak_map.png") -> Path:
    shutil.copy(TOWN, tmp_path / TOWN.name)
    shutil.copy(TOWN.parent / "ton_bulak_map.png", tmp_path)
    if picture is not None:
        (tmp_path / "ton_bulak_map.png").write_bytes(picture)
    if path != "ton_bulak_map.png":
        text = (tmp_path / TOWN.name).read_text(encoding="utf-8")
        (tmp_path / TOWN.name).write_text(text.replace("path: ton_bulak_map.png", f"path: {path}"), encoding="utf-8")
    return tmp_path / TOWN.name


@pytest.mark.parametrize(("path", "picture", "code", "ky", "ru", "mn"), [
    ("../secret.png", None, "picture.outside-folder", "папкасынан тышкары", "вне папки файла программы",
     "хавтаснаас гадна"),
    ("ton_bulak_map.png", b"GIF89a not a picture", "picture.not-an-image", "PNG же JPEG сүрөтү эмес",
     "не является рисунком PNG или JPEG", "PNG эсвэл JPEG зураг биш"),
    ("no_such_map.png", None, "picture.missing", "папкасында жок", "нет в папке файла программы",
     "хавтсанд алга"),
])
def test_a_bad_picture_is_a_located_error_in_the_users_language(tmp_path: Path, path: str, picture: bytes | None,
                                                                 code: str, ky: str, ru: str, mn: str) -> None:
    (tmp_path / "secret.png").write_bytes(png())
    folder = tmp_path / "program"
    folder.mkdir()
    result = validate_file(town_copy(folder, picture, path))
    found = [f for f in result.report.findings if f.code.startswith("picture.")]
    assert [(f.code, f.severity, f.path) for f in found] == [(code, "error", "/municipality/picture/path")]
    assert found[0].location is not None and found[0].location.endswith(".yaml:43:5")
    # The findings are the core's own: their wording in every language is the core's catalog, so a Mongolian
    # officer reads Mongolian, as a Kyrgyz one reads Kyrgyz or Russian (no plugin repeats it).
    for language, words in (("ky", ky), ("ru", ru), ("mn", mn)):
        assert words in found[0].message(language) and path in found[0].message(language)
    assert code not in get_registry().methodology("kg.aa").messages
    assert code not in get_registry().methodology("mn.onhs").messages


def test_a_picture_changed_after_validation_stops_the_render(tmp_path: Path) -> None:
    result = validate_file(town_copy(tmp_path))
    assert result.program is not None
    methodology = result.methodology
    document = next(d for d in methodology.documents if d.id == "program")
    assert render_to_bytes(result.program, methodology, document, "ru")
    (tmp_path / "ton_bulak_map.png").write_text("replaced", encoding="utf-8")
    with pytest.raises(RenderError) as caught:
        render_to_bytes(result.program, methodology, document, "ru")
    assert caught.value.code == "picture.not-an-image"
    # a document that does not print the picture does not read it
    resolution = next(d for d in methodology.documents if d.id == "kenesh_resolution")
    assert render_to_bytes(result.program, methodology, resolution, "ru")
