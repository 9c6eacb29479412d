package nnrun.run;

/** The loss became NaN or infinite; the last good checkpoint was kept. Exit code 4. */
public class TrainingDivergedException extends RuntimeException {
    public TrainingDivergedException(String message) { super(message); }
}
