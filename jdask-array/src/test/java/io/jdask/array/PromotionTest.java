package io.jdask.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NumPy's type promotion for every pair of the dtypes jdask holds, every binary operation, array
 * operands and Python-like scalars (a Java {@code double} is a Python float, a {@code long} a
 * Python int), unary functions and reductions: result types and values compared with NumPy 1.24.
 */
class PromotionTest {
    @TempDir
    Path dir;

    private static final DType[] TYPES = DType.values();
    private static final double[] A = {-3, -2, -1, 0, 1, 2, 3, 4};
    private static final double[] B = {1, 2, 3, 1, 2, 3, 2, 1};

    private static NDArray typed(double[] v, DType t) {
        return t == DType.BOOL ? NDArray.of(v).astype(DType.F64).astype(DType.I64).astype(DType.F64)
                .astype(DType.BOOL) : NDArray.of(v.clone()).astype(t);
    }

    private static final Map<String, BiFunction<Array, Array, Array>> BINARY = new LinkedHashMap<>();
    private static final Map<String, BinaryOp> NDOPS = new LinkedHashMap<>();

    static {
        BINARY.put("add", Array::add);
        BINARY.put("subtract", Array::subtract);
        BINARY.put("multiply", Array::multiply);
        BINARY.put("true_divide", Array::divide);
        BINARY.put("power", Array::power);
        BINARY.put("mod", Array::mod);
        BINARY.put("floor_divide", Array::floorDivide);
        BINARY.put("maximum", Array::maximum);
        BINARY.put("minimum", Array::minimum);
        BINARY.put("less", Array::lt);
        BINARY.put("equal", Array::eq);
        NDOPS.put("add", BinaryOp.ADD);
        NDOPS.put("subtract", BinaryOp.SUBTRACT);
        NDOPS.put("multiply", BinaryOp.MULTIPLY);
        NDOPS.put("true_divide", BinaryOp.DIVIDE);
        NDOPS.put("power", BinaryOp.POWER);
        NDOPS.put("mod", BinaryOp.MOD);
        NDOPS.put("floor_divide", BinaryOp.FLOOR_DIVIDE);
        NDOPS.put("maximum", BinaryOp.MAXIMUM);
        NDOPS.put("minimum", BinaryOp.MINIMUM);
        NDOPS.put("less", BinaryOp.LT);
        NDOPS.put("equal", BinaryOp.EQ);
    }

    @Test
    void binaryOperationsOfEveryTypePairMatchNumPy() throws Exception {
        StringBuilder errors = new StringBuilder("errors = set([");
        for (DType ta : TYPES) {
            for (DType tb : TYPES) {
                NDArray a = typed(A, ta);
                NDArray b = typed(B, tb);
                Array x = Array.fromNDArray(a, 3);
                Array y = Array.fromNDArray(b, 5);
                for (String op : BINARY.keySet()) {
                    String name = op + "-" + ta.numpyName() + "-" + tb.numpyName();
                    Array r;
                    try {
                        r = BINARY.get(op).apply(x, y);
                    } catch (IllegalArgumentException e) {
                        assertThatThrownBy(() -> Elementwise.binary(NDOPS.get(op), a, b)).isInstanceOf(IllegalArgumentException.class);
                        errors.append("'").append(name).append("', ");
                        continue;
                    }
                    NDArray got = r.compute();
                    assertThat(got.dtype()).as(name).isEqualTo(r.dtype());
                    assertThat(Elementwise.binary(NDOPS.get(op), a, b)).as(name).isEqualTo(got);
                    Npy.write(dir.resolve(name + ".npy"), got);
                }
            }
        }
        errors.append("])\n");
        NumPy.run(dir, errors + """
                import warnings
                warnings.simplefilter('ignore')
                A = np.array([-3, -2, -1, 0, 1, 2, 3, 4.0]); B = np.array([1, 2, 3, 1, 2, 3, 2, 1.0])
                types = ['float64', 'float32', 'float16', 'int64', 'int32', 'bool']
                ops = ['add', 'subtract', 'multiply', 'true_divide', 'power', 'mod', 'floor_divide', 'maximum', 'minimum', 'less', 'equal']
                for ta in types:
                    for tb in types:
                        a = A.astype(np.int64).astype(ta) if ta == 'bool' else A.astype(ta)
                        b = B.astype(np.int64).astype(tb) if tb == 'bool' else B.astype(tb)
                        for op in ops:
                            name = '%s-%s-%s' % (op, ta, tb)
                            try:
                                expected = getattr(np, op)(a, b)
                            except TypeError:
                                assert name in errors, name + ' works in jdask, fails in NumPy'
                                continue
                            assert name not in errors, name + ' fails in jdask, works in NumPy'
                            got = np.load(name + '.npy')
                            want = expected.dtype if expected.dtype != np.int8 else np.int32
                            assert got.dtype == want, (name, got.dtype, expected.dtype)
                            assert np.allclose(got.astype(np.float64), expected.astype(np.float64), equal_nan=True, rtol=1e-3), (name, got, expected)
                """);
    }

    @Test
    void scalarsAreTypedLikePythonFloatsAndInts() throws Exception {
        StringBuilder cases = new StringBuilder("cases = [");
        int k = 0;
        for (DType t : TYPES) {
            Array x = Array.fromNDArray(typed(A, t), 3);
            Map<String, Function<Array, Array>> ops = new LinkedHashMap<>();
            ops.put("add(2.5)", v -> v.add(2.5));
            ops.put("add(2.0)", v -> v.add(2.0));
            ops.put("add(3)", v -> v.add(3L));
            ops.put("add(2**40)", v -> v.add(1L << 40));
            ops.put("multiply(3)", v -> v.multiply(3L));
            ops.put("add(-200)", v -> v.add(-200L));
            ops.put("add(300)", v -> v.add(300L));
            ops.put("add(70000)", v -> v.add(70_000L));
            ops.put("add(70000.0)", v -> v.add(70_000.0));
            ops.put("add(1e300)", v -> v.add(1e300));
            ops.put("subtract(0.1)", v -> v.subtract(0.1));
            ops.put("rsubtract(7)", v -> v.rsubtract(7L));
            ops.put("true_divide(2)", v -> v.divide(2));
            ops.put("floor_divide(0.1)", v -> v.floorDivide(0.1));
            ops.put("floor_divide(2)", v -> v.floorDivide(2L));
            ops.put("mod(2)", v -> v.mod(2L));
            ops.put("less(0.5)", v -> v.lt(0.5));
            ops.put("power(2)", v -> v.power(2L));
            for (var e : ops.entrySet()) {
                Array r = e.getValue().apply(x);
                NDArray got = r.compute();
                assertThat(got.dtype()).isEqualTo(r.dtype());
                Npy.write(dir.resolve("s" + k + ".npy"), got);
                cases.append("('").append(t.numpyName()).append("', '").append(e.getKey()).append("'), ");
                k++;
            }
        }
        cases.append("]\n");
        NumPy.run(dir, cases + """
                import warnings
                warnings.simplefilter('ignore')
                A = np.array([-3, -2, -1, 0, 1, 2, 3, 4.0])
                for k, (t, expr) in enumerate(cases):
                    a = A.astype(np.int64).astype(t) if t == 'bool' else A.astype(t)
                    op, arg = expr[:-1].split('(')
                    expected = np.subtract(eval(arg), a) if op == 'rsubtract' else getattr(np, op)(a, eval(arg))
                    got = np.load('s%d.npy' % k)
                    assert got.dtype == expected.dtype, (t, expr, got.dtype, expected.dtype)
                    assert np.allclose(got.astype(np.float64), expected.astype(np.float64), equal_nan=True, rtol=1e-3), (t, expr, got, expected)
                """);
    }

    @Test
    void unaryFunctionsAndReductionsMatchNumPyTypes() throws Exception {
        UnaryOp[] unary = {UnaryOp.NEGATIVE, UnaryOp.ABS, UnaryOp.SIGN, UnaryOp.SQUARE, UnaryOp.SQRT, UnaryOp.EXP,
            UnaryOp.FLOOR, UnaryOp.RINT, UnaryOp.RECIPROCAL, UnaryOp.ISNAN};
        String[] numpyNames = {"negative", "absolute", "sign", "square", "sqrt", "exp", "floor", "rint", "reciprocal", "isnan"};
        StringBuilder errors = new StringBuilder("errors = set([");
        for (DType t : TYPES) {
            for (int i = 0; i < unary.length; i++) {
                String name = numpyNames[i] + "-" + t.numpyName();
                NDArray in = typed(unary[i] == UnaryOp.RECIPROCAL ? B : A, t);
                try {
                    Npy.write(dir.resolve(name + ".npy"), Elementwise.unary(unary[i], in));
                } catch (IllegalArgumentException e) {
                    errors.append("'").append(name).append("', ");
                }
            }
            Array x = Array.fromNDArray(typed(A, t), 3);
            Npy.write(dir.resolve("sum-" + t.numpyName() + ".npy"), x.sum().compute());
            Npy.write(dir.resolve("prod-" + t.numpyName() + ".npy"), x.prod().compute());
            Npy.write(dir.resolve("max-" + t.numpyName() + ".npy"), x.max().compute());
            Npy.write(dir.resolve("mean-" + t.numpyName() + ".npy"), x.mean().compute());
            Npy.write(dir.resolve("var-" + t.numpyName() + ".npy"), x.var().compute());
            Npy.write(dir.resolve("cumsum-" + t.numpyName() + ".npy"), x.cumsum(0).compute());
            Npy.write(dir.resolve("cumprod-" + t.numpyName() + ".npy"), x.cumprod(0).compute());
        }
        errors.append("])\n");
        NumPy.run(dir, errors + """
                import warnings
                warnings.simplefilter('ignore')
                A = np.array([-3, -2, -1, 0, 1, 2, 3, 4.0]); B = np.array([1, 2, 3, 1, 2, 3, 2, 1.0])
                def typed(v, t):
                    return v.astype(np.int64).astype(t) if t == 'bool' else v.astype(t)
                def chk(name, expected):
                    got = np.load(name + '.npy')
                    want = expected.dtype if expected.dtype != np.int8 else np.int32
                    assert got.dtype == want, (name, got.dtype, expected.dtype)
                    assert np.allclose(got.astype(np.float64), np.asarray(expected).astype(np.float64), equal_nan=True, rtol=2e-3), (name, got, expected)
                for t in ['float64', 'float32', 'float16', 'int64', 'int32', 'bool']:
                    for f in ['negative', 'absolute', 'sign', 'square', 'sqrt', 'exp', 'floor', 'rint', 'reciprocal', 'isnan']:
                        name = f + '-' + t
                        try:
                            expected = getattr(np, f)(typed(B if f == 'reciprocal' else A, t))
                        except TypeError:
                            assert name in errors, name
                            continue
                        assert name not in errors, name
                        chk(name, expected)
                    a = typed(A, t)
                    for f in ['sum', 'prod', 'max', 'mean', 'var', 'cumsum', 'cumprod']:
                        chk(f + '-' + t, np.asarray(getattr(np, f)(a)))
                """);
    }
}
