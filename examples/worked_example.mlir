// The worked example of the specification: a 3x3 image holding 1..9, NCHW,
// 2x2 windows, stride 1, VALID. The result has shape (1, 4, 2, 2): feature 0
// is the top-left element of every window, [[1, 2], [4, 5]], and feature 3
// the bottom-right, [[5, 6], [8, 9]].
func.func @main() {
  %image = arith.constant dense<[[[[1.0, 2.0, 3.0],
                                   [4.0, 5.0, 6.0],
                                   [7.0, 8.0, 9.0]]]]> : tensor<1x1x3x3xf32>
  %patches = patches.extract %image filter_shape = [2, 2] window_strides = [1, 1]
               padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>

  %input = tensor.cast %image : tensor<1x1x3x3xf32> to tensor<*xf32>
  call @printMemrefF32(%input) : (tensor<*xf32>) -> ()
  %result = tensor.cast %patches : tensor<1x4x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%result) : (tensor<*xf32>) -> ()
  return
}

func.func private @printMemrefF32(tensor<*xf32>)
