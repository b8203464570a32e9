// The specification's worked example (examples/worked_example.mlir), with
// the extraction in a function of its own: its input is not a constant
// there, so no folding of constants can take the extraction away from the
// kernel under test.
func.func @extract(%image: tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32> {
  %patches = patches.extract %image filter_shape = [2, 2] window_strides = [1, 1]
               padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return %patches : tensor<1x4x2x2xf32>
}

func.func @main() {
  %image = arith.constant dense<[[[[1.0, 2.0, 3.0],
                                   [4.0, 5.0, 6.0],
                                   [7.0, 8.0, 9.0]]]]> : tensor<1x1x3x3xf32>
  %patches = call @extract(%image) : (tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32>
  %input = tensor.cast %image : tensor<1x1x3x3xf32> to tensor<*xf32>
  call @printMemrefF32(%input) : (tensor<*xf32>) -> ()
  %result = tensor.cast %patches : tensor<1x4x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%result) : (tensor<*xf32>) -> ()
  return
}

func.func private @printMemrefF32(tensor<*xf32>)
