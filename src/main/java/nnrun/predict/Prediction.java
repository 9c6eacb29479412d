package nnrun.predict;

import java.util.List;

/** The model's answer for one input: the most probable class first, then the runners-up, best first. */
public record Prediction(String input, List<RankedClass> ranked) {
    public RankedClass best() { return ranked.get(0); }
}
