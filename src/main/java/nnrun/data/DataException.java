package nnrun.data;

/**
 * A dataset could not be read, found or fetched. The message always names the file (and the
 * record or line when there is one), says what is wrong, and says what to do about it.
 */
public class DataException extends RuntimeException {

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
