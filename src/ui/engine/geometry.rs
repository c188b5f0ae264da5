//! Where a message is drawn on the stage: it leaves the sender's box on the line
//! between the two actors' centres and stops just outside the receiver's box, in its
//! lane (requests above a mostly level line, answers below; on a mostly upright line
//! requests left, answers right), so that a request and its answer on the same link
//! never cover each other. Pure arithmetic on measured boxes.

/// A measured box, in pixels relative to the stage.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// The centre.
    pub fn centre(self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// Where the ray from the centre in direction `(dx, dy)` leaves the box.
    pub fn exit(self, dx: f64, dy: f64) -> (f64, f64) {
        let (cx, cy) = self.centre();
        let tx = if dx.abs() > f64::EPSILON { (self.w / 2.0) / dx.abs() } else { f64::INFINITY };
        let ty = if dy.abs() > f64::EPSILON { (self.h / 2.0) / dy.abs() } else { f64::INFINITY };
        let t = tx.min(ty);
        if t.is_finite() {
            (cx + dx * t, cy + dy * t)
        } else {
            (cx, cy)
        }
    }
}

/// Where an envelope's anchor point sits, and how the envelope hangs from it.
#[derive(Clone, Debug, PartialEq)]
pub struct Spot {
    /// Anchor x.
    pub x: f64,
    /// Anchor y.
    pub y: f64,
    /// How the envelope hangs from the anchor.
    pub hang: Hang,
}

/// Where an envelope lies from its anchor along one axis, in its own size (a CSS
/// `translate` of `-100%`, `-50%` or `0%`, with a few pixels of margin).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Side {
    /// Wholly before it (left, above), this many pixels away.
    Before(u8),
    /// Centred on it.
    Centre,
    /// Wholly after it (right, below), this many pixels away.
    After(u8),
}

impl Side {
    fn css(self) -> String {
        match self {
            Side::Before(m) => format!("calc(-100% - {m}px)"),
            Side::Centre => "-50%".to_string(),
            Side::After(m) => format!("{m}px"),
        }
    }
}

/// How an envelope hangs from its anchor: across and down.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Hang {
    /// Across.
    pub x: Side,
    /// Down.
    pub y: Side,
}

impl Hang {
    const fn new(x: Side, y: Side) -> Hang {
        Hang { x, y }
    }

    /// The CSS `transform` that hangs the envelope.
    pub fn transform(self) -> String {
        format!("translate({},{})", self.x.css(), self.y.css())
    }
}

impl Spot {
    /// The inline style that puts an envelope here (whole pixels: printing a float
    /// would bring Rust's float formatter into the first load).
    ///
    /// An envelope that hangs to the left of its anchor (or centred on it) never sticks
    /// out of the stage's left edge: its shift is at most the anchor's distance from it
    /// (`max(…)` in the transform, since only the browser knows the envelope's width).
    pub fn style(&self) -> String {
        let (x, y) = (px(self.x), px(self.y));
        match self.hang.x {
            Side::Before(_) | Side::Centre => format!(
                "left:{x}px;top:{y}px;transform:translate(max({},{}px),{})",
                self.hang.x.css(),
                -x.max(0),
                self.hang.y.css()
            ),
            Side::After(_) => format!("left:{x}px;top:{y}px;transform:{}", self.hang.transform()),
        }
    }
}

/// A coordinate in whole pixels.
pub fn px(v: f64) -> i32 {
    v.round() as i32
}

/// The lane of a message: requests (and store commands, leaks) or answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lane {
    /// Requests, store commands, leaked data.
    Out,
    /// Responses and store replies.
    Back,
}

/// Where a message comes to rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Park {
    /// Just outside the receiver's box (a message on the client's link).
    Edge,
    /// Halfway between the two boxes, beside the line (a small message inside).
    Middle,
}

/// Where a message from box `a` to box `b` starts and where it comes to rest.
pub fn flight(a: Rect, b: Rect, lane: Lane, park: Park) -> (Spot, Spot) {
    let (ax, ay) = a.centre();
    let (bx, by) = b.centre();
    let (dx, dy) = (bx - ax, by - ay);
    let len = (dx * dx + dy * dy).sqrt();
    if len < 1.0 {
        let s = Spot { x: ax, y: ay, hang: Hang::new(Side::Centre, Side::Centre) };
        return (s.clone(), s);
    }
    let (ux, uy) = (dx / len, dy / len);
    let (mut start, mut end) = (a.exit(ux, uy), b.exit(-ux, -uy));
    let level = dx.abs() >= dy.abs();
    // A lane runs straight beside a sloping line, clear of both its ends: requests above
    // (left of) the higher end, answers below (right of) the lower one — so a request and
    // its answer on one line never cover each other, however long they are.
    let side = |a: f64, b: f64| match lane {
        Lane::Out => a.min(b),
        Lane::Back => a.max(b),
    };
    // (A small message halfway stays on its line: there is no room for a lane there.)
    if park == Park::Edge {
        if level {
            let y = side(start.1, end.1);
            (start.1, end.1) = (y, y);
        } else {
            let x = side(start.0, end.0);
            (start.0, end.0) = (x, x);
        }
    }
    // The lane is beside the line; along it, the envelope stays outside both boxes.
    let (start_hang, rest_hang) = {
        use Side::{After, Before};
        match (level, lane, dx >= 0.0, dy >= 0.0) {
            (true, Lane::Out, true, _) => (Hang::new(After(4), Before(3)), Hang::new(Before(4), Before(3))),
            (true, Lane::Out, false, _) => (Hang::new(Before(4), Before(3)), Hang::new(After(4), Before(3))),
            (true, Lane::Back, true, _) => (Hang::new(After(4), After(3)), Hang::new(Before(4), After(3))),
            (true, Lane::Back, false, _) => (Hang::new(Before(4), After(3)), Hang::new(After(4), After(3))),
            (false, Lane::Out, _, true) => (Hang::new(Before(3), After(4)), Hang::new(Before(3), Before(4))),
            (false, Lane::Out, _, false) => (Hang::new(Before(3), Before(4)), Hang::new(Before(3), After(4))),
            (false, Lane::Back, _, true) => (Hang::new(After(3), After(4)), Hang::new(After(3), Before(4))),
            (false, Lane::Back, _, false) => (Hang::new(After(3), Before(4)), Hang::new(After(3), After(4))),
        }
    };
    let start = Spot { x: start.0, y: start.1, hang: start_hang };
    let rest = match park {
        Park::Edge => Spot { x: end.0, y: end.1, hang: rest_hang },
        Park::Middle => Spot {
            x: (start.x + end.0) / 2.0,
            y: (start.y + end.1) / 2.0,
            hang: match (level, lane) {
                (true, Lane::Out) => Hang::new(Side::Centre, Side::Before(3)),
                (true, Lane::Back) => Hang::new(Side::Centre, Side::After(3)),
                (false, Lane::Out) => Hang::new(Side::Before(3), Side::Centre),
                (false, Lane::Back) => Hang::new(Side::After(3), Side::Centre),
            },
        },
    };
    (start, rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEFT: Rect = Rect { x: 0.0, y: 100.0, w: 100.0, h: 100.0 };
    const RIGHT: Rect = Rect { x: 300.0, y: 100.0, w: 100.0, h: 100.0 };
    const BELOW: Rect = Rect { x: 0.0, y: 400.0, w: 100.0, h: 100.0 };

    #[test]
    fn a_request_leaves_one_box_and_stops_outside_the_other() {
        let (start, rest) = flight(LEFT, RIGHT, Lane::Out, Park::Edge);
        assert_eq!((start.x, start.y), (100.0, 150.0));
        assert_eq!((rest.x, rest.y), (300.0, 150.0));
        // above the line, outside both boxes
        assert!(start.hang.transform().starts_with("translate(4px,calc(-100%"));
        assert!(rest.hang.transform().starts_with("translate(calc(-100% - 4px),calc(-100%"));
    }

    #[test]
    fn an_answer_takes_the_other_lane() {
        let (_, out) = flight(LEFT, RIGHT, Lane::Out, Park::Edge);
        let (start, back) = flight(RIGHT, LEFT, Lane::Back, Park::Edge);
        assert_eq!((start.x, back.x), (300.0, 100.0));
        assert!(
            out.hang.transform().contains("-100% - 3px)") && back.hang.transform().ends_with(",3px)"),
            "{out:?} {back:?}"
        );
    }

    #[test]
    fn upright_lines_use_side_lanes() {
        let (start, rest) = flight(LEFT, BELOW, Lane::Out, Park::Edge);
        assert_eq!((start.x, start.y), (50.0, 200.0));
        assert_eq!((rest.x, rest.y), (50.0, 400.0));
        assert!(rest.hang.transform().starts_with("translate(calc(-100% - 3px)"));
        let (_, back) = flight(BELOW, LEFT, Lane::Back, Park::Edge);
        assert!(back.hang.transform().starts_with("translate(3px"));
    }

    #[test]
    fn a_small_message_rests_halfway_beside_the_line() {
        let (_, rest) = flight(LEFT, RIGHT, Lane::Out, Park::Middle);
        assert_eq!((rest.x, rest.y), (200.0, 150.0));
        assert_eq!(rest.hang.transform(), "translate(-50%,calc(-100% - 3px))");
        let (_, rest) = flight(BELOW, LEFT, Lane::Back, Park::Middle);
        assert_eq!((rest.x, rest.y), (50.0, 300.0));
        assert_eq!(rest.hang.transform(), "translate(3px,-50%)");
    }

    #[test]
    fn lanes_of_a_sloping_line_stay_clear_of_each_other() {
        let low = Rect { x: 300.0, y: 200.0, w: 100.0, h: 100.0 };
        let (out_start, out_rest) = flight(LEFT, low, Lane::Out, Park::Edge);
        let (back_start, back_rest) = flight(low, LEFT, Lane::Back, Park::Edge);
        // the request hangs above the higher end, all the way
        assert_eq!(out_start.y, out_rest.y);
        assert!((out_start.y - 166.6667).abs() < 1e-3, "{out_start:?}");
        // the answer hangs below the lower end
        assert_eq!(back_start.y, back_rest.y);
        assert!((back_rest.y - 233.3333).abs() < 1e-3, "{back_rest:?}");
    }

    #[test]
    fn an_envelope_hanging_left_stays_inside_the_stage() {
        // an upright line near the stage's left edge: the request hangs left of it
        let top = Rect { x: 10.0, y: 0.0, w: 200.0, h: 100.0 };
        let low = Rect { x: 0.0, y: 200.0, w: 200.0, h: 100.0 };
        let (_, rest) = flight(top, low, Lane::Out, Park::Edge);
        assert_eq!(
            rest.style(),
            "left:103px;top:200px;transform:translate(max(calc(-100% - 3px),-103px),calc(-100% - 4px))"
        );
        // hanging right: unchanged
        let (_, back) = flight(low, top, Lane::Back, Park::Edge);
        assert!(back.style().ends_with("transform:translate(3px,4px)"), "{}", back.style());
    }

    #[test]
    fn the_exit_of_a_diagonal_is_on_the_border() {
        let (x, y) = LEFT.exit(1.0 / 2f64.sqrt(), 1.0 / 2f64.sqrt());
        assert!((x - 100.0).abs() < 1e-9 && (y - 200.0).abs() < 1e-9);
        let (x, y) = Rect { x: 0.0, y: 0.0, w: 200.0, h: 20.0 }.exit(0.6, 0.8);
        assert!((y - 20.0).abs() < 1e-9 && (x - 107.5).abs() < 1e-9, "{x} {y}");
        assert_eq!(LEFT.exit(0.0, 0.0), LEFT.centre());
    }
}
