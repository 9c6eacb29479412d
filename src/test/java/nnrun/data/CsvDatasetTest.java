package nnrun.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvDatasetTest {

    @TempDir
    Path dir;

    private Path csv(String text) throws IOException {
        return Files.writeString(dir.resolve("iris.csv"), text);
    }

    private static float[] features(Dataset d, int index) {
        float[] x = new float[d.sampleLength()];
        d.copyFeatures(index, x, 0);
        return x;
    }

    @Test
    void labelColumnByNameWithTextLabelsBecomingSortedClasses() throws IOException {
        Path file = csv("""
                sepal_length,species,sepal_width
                5.1,setosa,3.5
                6.3,virginica,3.3

                5.9,versicolor,3.0
                """);
        Dataset d = CsvDataset.read(file, new CsvDataset.Options(true, "species"));
        assertEquals(3, d.size());
        assertArrayEquals(new int[] {2}, d.sampleShape());
        assertEquals(List.of("setosa", "versicolor", "virginica"), d.classNames());
        assertEquals(List.of(0, 2, 1), List.of(d.label(0), d.label(1), d.label(2)));
        assertArrayEquals(new float[] {6.3f, 3.3f}, features(d, 1));
    }

    @Test
    void noHeaderLabelByIndexWithIntegerLabels() throws IOException {
        Path file = csv("3,0.5,-1\n0,1.5,2e-3\n");
        Dataset d = CsvDataset.read(file, new CsvDataset.Options(false, "0"));
        assertEquals(4, d.numClasses());
        assertEquals(List.of(), d.classNames());
        assertEquals(3, d.label(0));
        assertArrayEquals(new float[] {1.5f, 0.002f}, features(d, 1));
    }

    @Test
    void lastColumnIsTheLabelByDefault() throws IOException {
        Dataset d = CsvDataset.read(csv("1,2,1\n3,4,0\n"), new CsvDataset.Options(false, null));
        assertEquals(List.of(1, 0), List.of(d.label(0), d.label(1)));
    }

    @Test
    void rowWithWrongColumnCountNamesFileAndLine() throws IOException {
        Path file = csv("a,b,label\n1,2,0\n\n3,0\n");
        DataException e = assertThrows(DataException.class,
                () -> CsvDataset.read(file, new CsvDataset.Options(true, "label")));
        assertEquals(file + " line 4: expected 3 columns (as in line 1) but found 2;"
                + " every row needs one value per column", e.getMessage());
    }

    @Test
    void nonNumericCellNamesFileLineAndColumn() throws IOException {
        Path file = csv("a,b,label\n1,2,0\n1,two,1\n");
        DataException e = assertThrows(DataException.class,
                () -> CsvDataset.read(file, new CsvDataset.Options(true, "label")));
        assertEquals(file + " line 3, column 1 ('b'): 'two' is not a finite number; feature columns must be"
                + " numeric (is this the label column? then name it as the label column)", e.getMessage());
    }

    @Test
    void unknownLabelColumnListsTheChoices() throws IOException {
        Path file = csv("a,b,label\n1,2,0\n");
        DataException e = assertThrows(DataException.class,
                () -> CsvDataset.read(file, new CsvDataset.Options(true, "class")));
        assertEquals(file + ": label column 'class' is neither a header name [a, b, label] nor a column index 0..2;"
                + " set the label column to one of these", e.getMessage());
    }

    @Test
    void headerOnlyFileHasNoRows() throws IOException {
        Path file = csv("a,b,label\n");
        assertThrows(DataException.class, () -> CsvDataset.read(file, new CsvDataset.Options(true, "label")));
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static final CsvDataset.Options HEADER = new CsvDataset.Options(true, "label");

    @Test
    void aTestFileTakesItsClassesFromTheTrainingFile() throws IOException {
        CsvDataset.Table train = CsvDataset.load(file("train.csv", "x,label\n1,cat\n2,dog\n"), HEADER);
        Dataset test = CsvDataset.loadTest(file("test.csv", "x,label\n3,dog\n4,dog\n"), HEADER, train).dataset();
        assertEquals(List.of("cat", "dog"), test.classNames());
        assertEquals(List.of(1, 1), List.of(test.label(0), test.label(1)), "dog is class 1, as in training");
    }

    @Test
    void aTestLabelUnknownToTrainingNamesFileLineAndLabel() throws IOException {
        CsvDataset.Table train = CsvDataset.load(file("train.csv", "x,label\n1,cat\n2,dog\n"), HEADER);
        Path test = file("test.csv", "x,label\n3,dog\n\n4,bird\n");
        DataException e = assertThrows(DataException.class, () -> CsvDataset.loadTest(test, HEADER, train));
        assertEquals(test + " line 4: label 'bird' is not a class of the training file " + train.file()
                + " (its classes are cat, dog); a test file may only use the training file's labels", e.getMessage());
    }

    @Test
    void anIntegerTestLabelBeyondTheTrainingClassesIsAnError() throws IOException {
        CsvDataset.Table train = CsvDataset.load(file("train.csv", "1,0\n2,1\n"), new CsvDataset.Options(false, null));
        Path test = file("test.csv", "3,1\n4,2\n");
        DataException e = assertThrows(DataException.class,
                () -> CsvDataset.loadTest(test, new CsvDataset.Options(false, null), train));
        assertEquals(test + " line 2: label '2' is not a class of the training file " + train.file()
                + " (its labels are the class indices 0..1); a test file may only use the training file's labels",
                e.getMessage());
    }

    @Test
    void aTestFileOfAnotherWidthNamesBothFiles() throws IOException {
        CsvDataset.Table train = CsvDataset.load(file("train.csv", "a,b,label\n1,2,0\n"), HEADER);
        Path test = file("test.csv", "a,label\n1,0\n");
        DataException e = assertThrows(DataException.class, () -> CsvDataset.loadTest(test, HEADER, train));
        assertEquals(test + " line 1: 1 feature column but the training file " + train.file() + " has 2;"
                + " the test file needs the same columns as the training file", e.getMessage());
    }

    @Test
    void aTestFileWithSwappedColumnsNamesBothOrders() throws IOException {
        CsvDataset.Table train = CsvDataset.load(file("train.csv", "a,b,label\n1,2,0\n"), HEADER);
        Path test = file("test.csv", "b,a,label\n2,1,0\n");
        DataException e = assertThrows(DataException.class, () -> CsvDataset.loadTest(test, HEADER, train));
        assertEquals(test + " line 1: feature columns [b, a] differ from those of the training file " + train.file()
                + ", [a, b]; put the same columns in the same order in both files", e.getMessage());
    }
}
