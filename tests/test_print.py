"""The print's table layout (malibook.sphinxext.print_edition), without building the PDF."""
import re

from docutils import nodes

from malibook.sphinxext.print_edition import COLUMN_PADDING_PT, TEXT_WIDTH_PT, column_spec, text_width_em


def table_of(rows: list[list[str]], header: list[str]) -> nodes.table:
    group = nodes.tgroup(cols=len(header))
    group += [nodes.colspec(colwidth=1) for _ in header]
    head, body = nodes.thead(), nodes.tbody()
    for part, part_rows in ((head, [header]), (body, rows)):
        for cells in part_rows:
            row = nodes.row()
            row += [nodes.entry("", nodes.paragraph(text=cell)) for cell in cells]
            part += row
    group += [head, body]
    return nodes.table("", group)


def widths(spec: str) -> list[float]:
    """The columns' text widths in points, from the fractions of the line that the spec gives."""
    return [float(fraction) * TEXT_WIDTH_PT - COLUMN_PADDING_PT for fraction in re.findall(r"\\Y\{([\d.]+)\}", spec)]


def test_an_id_column_holds_its_longest_id_and_the_table_fits_the_line():
    gist = "After a summer of renewed clashes, a détente took shape in October " * 3
    spec = column_spec(table_of([["qa2021-p13", "qa2021-h1", gist]] * 5, ["paragraph_id", "section_id", "gist"]),
                       TEXT_WIDTH_PT)
    id_width, _, gist_width = widths(spec)
    assert spec.startswith(">{\\small\\malibookcell}")
    assert id_width >= text_width_em("paragraph_id", bold=True) * 10  # the header word, at 10 pt
    assert gist_width > 2 * id_width  # the long text takes the room
    assert sum(widths(spec)) + 3 * COLUMN_PADDING_PT <= TEXT_WIDTH_PT + 0.5


def test_a_short_table_keeps_its_natural_width():
    spec = column_spec(table_of([["b115", "1"], ["qa2021", "13"]], ["document", "blocks"]), TEXT_WIDTH_PT)
    assert sum(widths(spec)) < TEXT_WIDTH_PT / 3


def test_many_wide_columns_take_a_smaller_type():
    words = [f"{name}_precision_of_the_date" for name in "abcdefgh"]
    spec = column_spec(table_of([words], words), TEXT_WIDTH_PT)
    assert "\\small" not in spec and sum(widths(spec)) + 8 * COLUMN_PADDING_PT <= TEXT_WIDTH_PT + 0.5
