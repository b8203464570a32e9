// Fills with scalars of odd integer widths: each kernel captures the
// scalar as an argument (widen-kernel-arguments.mlir).
func.func @fill_i4(%s: i4, %o: tensor<5x4xi4>) -> tensor<5x4xi4> {
  %r = linalg.fill ins(%s : i4) outs(%o : tensor<5x4xi4>) -> tensor<5x4xi4>
  return %r : tensor<5x4xi4>
}
func.func @fill_i24(%s: i24, %o: tensor<7xi24>) -> tensor<7xi24> {
  %r = linalg.fill ins(%s : i24) outs(%o : tensor<7xi24>) -> tensor<7xi24>
  return %r : tensor<7xi24>
}
func.func @fill_i1(%s: i1, %o: tensor<9xi1>) -> tensor<9xi1> {
  %r = linalg.fill ins(%s : i1) outs(%o : tensor<9xi1>) -> tensor<9xi1>
  return %r : tensor<9xi1>
}
