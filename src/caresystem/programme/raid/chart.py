"""A risk's score history drawn as an SVG step line, with the points listed for the text alternative."""

from dataclasses import dataclass

from caresystem.wording import pluralise

WIDTH, HEIGHT, LEFT, BOTTOM, TOP = 600, 220, 40, 30, 10


@dataclass(frozen=True)
class Chart:
    points: str
    dots: list[tuple[float, float, int]]
    grid: list[tuple[float, int]]
    summary: str
    width: int = WIDTH
    height: int = HEIGHT


def score_history_chart(scores) -> Chart | None:
    scored = [s for s in scores if s.score is not None]
    if not scored:
        return None
    step = (WIDTH - LEFT - 20) / max(len(scored) - 1, 1)

    def y(value: int) -> float:
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / 25)

    dots = [(LEFT + i * step, y(s.score), s.score) for i, s in enumerate(scored)]
    first, last = scored[0].score, scored[-1].score
    change = "unchanged" if first == last else (f"down {first - last}" if last < first else f"up {last - first}")
    summary = (f"{pluralise(len(scored), 'assessment')}; the score went from {first} to {last} ({change}) since "
               f"{scored[0].recorded_at:%-d %B %Y}.")
    return Chart(points=" ".join(f"{x:.1f},{yy:.1f}" for x, yy, _ in dots), dots=dots,
                 grid=[(y(v), v) for v in (5, 10, 15, 20, 25)], summary=summary)
