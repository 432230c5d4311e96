"""The timeline picture keeps every label and its title inside the picture, and the plot keeps
room to be read, however long a label is (a notice under a statute's full name)."""
from __future__ import annotations

import pytest

from tests.conftest import EXAMPLES
from tests.reports.test_report_formats import _result


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_label_and_the_title_lie_inside_the_picture(path):
    from reports.timeline import _draw, _rc
    with _rc():
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        fig = _draw(_result(path))
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        width = fig.bbox.width
        ax = fig.axes[0]
        texts = list(ax.get_yticklabels()) + list(ax.get_xticklabels()) + [fig._suptitle]
        for text in texts:
            box = text.get_window_extent(renderer)
            assert box.x0 >= -1 and box.x1 <= width + 1, text.get_text()
        assert ax.get_window_extent(renderer).width >= 0.25 * width, "room for the plot"
