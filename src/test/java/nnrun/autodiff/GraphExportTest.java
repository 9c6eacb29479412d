package nnrun.autodiff;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class GraphExportTest {

    @Test
    void logisticNeuronAsDot() {
        Tensor w = Tensor.vector(-1, 0.5f).label("w").requiresGrad(true);
        Tensor x = Tensor.vector(2, 2).label("x");
        Tensor loss = w.mul(x).sum().reshape(1).logisticLoss(Tensor.vector(1)).label("loss");
        String dot = GraphExport.toDot(loss);
        assertTrue(dot.startsWith("digraph autograd {"), dot);
        assertTrue(dot.endsWith("}\n"), dot);
        // Ops appear under their grad_fn names, boxed; the parameter under its label and shape.
        for (String op : new String[] {"MulBackward", "SumBackward", "ReshapeBackward", "LogisticLossBackward"})
            assertTrue(dot.contains("[shape=box, label=\"" + op + "\"]"), op + " missing in\n" + dot);
        assertTrue(dot.contains("label=\"w\\n[2]\""), dot);
        assertTrue(dot.contains("label=\"no grad\\n[2]\""), dot);   // x: data, not a variable
        assertTrue(dot.contains("label=\"loss\\n[]\""), dot);
        assertEquals(4, dot.split("shape=box", -1).length - 1, dot); // one box per recorded op, no more
    }

    @Test
    void aTensorWithoutHistoryIsASingleNode() {
        assertEquals("digraph autograd {\n  node [fontname=\"Helvetica\", fontsize=11];\n"
                + "  output [shape=ellipse, style=filled, fillcolor=\"#d9f2d9\", label=\"output\\n[3]\"];\n}\n",
                GraphExport.toDot(Tensor.zeros(3)));
    }
}
