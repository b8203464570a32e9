// Malformed patches.extract text: each is a parse error at the offending
// token. -verify-diagnostics checks the messages and lines, FileCheck the
// columns.
// RUN: patches-opt %s -split-input-file -verify-diagnostics
// RUN: not patches-opt %s -split-input-file 2>&1 | FileCheck %s

// Padding keywords are JAX's strings, nothing else.
func.func @unknown_padding_keyword(%x: tensor<1x1x3x3xf32>) {
  // CHECK: parse-errors.mlir:[[@LINE+2]]:83: error: custom op 'patches.extract' unknown padding 'FULL', expected SAME, VALID, SAME_LOWER or {{\[\[}}low, high], ...]
  // expected-error@+1 {{custom op 'patches.extract' unknown padding 'FULL', expected SAME, VALID, SAME_LOWER or [[low, high], ...]}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = FULL : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return
}

// -----

// JAX upper-cases a padding string ('same' is SAME), so the case does not
// matter; a name JAX does not know is an error, bare or quoted.
func.func @unknown_padding_string(%x: tensor<1x1x3x3xf32>) {
  // CHECK: parse-errors.mlir:[[@LINE+2]]:83: error: {{.*}}unknown padding 'same_upper'
  // expected-error@+1 {{unknown padding 'same_upper', expected SAME, VALID, SAME_LOWER or [[low, high], ...]}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = "same_upper" : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return
}

// -----

// EXPLICIT names the kind of [[low, high], ...] padding; it is not a spelling.
func.func @explicit_is_not_a_padding_keyword(%x: tensor<1x1x3x3xf32>) {
  // CHECK: parse-errors.mlir:[[@LINE+2]]:83: error: {{.*}}unknown padding 'EXPLICIT'
  // expected-error@+1 {{unknown padding 'EXPLICIT'}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = EXPLICIT : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return
}

// -----

func.func @unknown_precision_keyword(%x: tensor<1x1x3x3xf32>) {
  // CHECK: parse-errors.mlir:[[@LINE+2]]:101: error: custom op 'patches.extract' unknown precision 'LOW', expected DEFAULT, HIGH or HIGHEST
  // expected-error@+1 {{custom op 'patches.extract' unknown precision 'LOW', expected DEFAULT, HIGH or HIGHEST}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID precision = LOW : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return
}

// -----

// Each explicit padding entry is exactly a [low, high] pair.
func.func @padding_pair_of_three(%x: tensor<1x1x3x3xf32>) {
  // CHECK: parse-errors.mlir:[[@LINE+2]]:89: error: expected ']'
  // expected-error@+1 {{expected ']'}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = [[1, 2, 3], [0, 0]] : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return
}

// -----

// One pair per spatial dimension, even for a single one.
func.func @padding_not_nested(%x: tensor<1x1x3x3xf32>) {
  // CHECK: parse-errors.mlir:[[@LINE+2]]:84: error: expected '['
  // expected-error@+1 {{expected '['}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = [1, 1] : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return
}

// -----

// window_strides has no default, as in JAX.
func.func @missing_window_strides(%x: tensor<1x1x3x3xf32>) {
  // CHECK: parse-errors.mlir:[[@LINE+2]]:49: error: custom op 'patches.extract' expected 'window_strides'
  // expected-error@+1 {{custom op 'patches.extract' expected 'window_strides'}}
  %0 = patches.extract %x filter_shape = [2, 2] padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return
}

// -----

// The optional clauses have a fixed order; precision is last.
func.func @clauses_out_of_order(%x: tensor<1x1x3x3xf32>) {
  // CHECK: parse-errors.mlir:[[@LINE+2]]:105: error: expected ':'
  // expected-error@+1 {{expected ':'}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID precision = HIGH dimension_numbers = ("NCHW", "OIHW", "NCHW") : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return
}

// -----

func.func @non_integer_filter_size(%x: tensor<1x1x3x3xf32>) {
  // CHECK: parse-errors.mlir:[[@LINE+2]]:43: error: custom op 'patches.extract' expected integer value
  // expected-error@+1 {{custom op 'patches.extract' expected integer value}}
  %0 = patches.extract %x filter_shape = [2.0, 2] window_strides = [1, 1] padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return
}

// -----

func.func @stride_too_large_for_i64(%x: tensor<1x1x3x3xf32>) {
  // CHECK: parse-errors.mlir:[[@LINE+2]]:70: error: custom op 'patches.extract' integer value too large
  // expected-error@+1 {{custom op 'patches.extract' integer value too large}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 99999999999999999999] padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return
}

// -----

func.func @two_dimension_number_specs(%x: tensor<1x1x3x3xf32>) {
  // CHECK: parse-errors.mlir:[[@LINE+2]]:124: error: expected ','
  // expected-error@+1 {{expected ','}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID dimension_numbers = ("NCHW", "OIHW") : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return
}

// -----

func.func @unquoted_dimension_number_spec(%x: tensor<1x1x3x3xf32>) {
  // CHECK: parse-errors.mlir:[[@LINE+2]]:110: error: custom op 'patches.extract' expected string
  // expected-error@+1 {{custom op 'patches.extract' expected string}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID dimension_numbers = (NCHW, "OIHW", "NCHW") : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return
}

// -----

func.func @missing_result_type(%x: tensor<1x1x3x3xf32>) {
  // CHECK: parse-errors.mlir:[[@LINE+2]]:110: error: expected '->'
  // expected-error@+1 {{expected '->'}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = VALID : tensor<1x1x3x3xf32>
  return
}

// -----

// The attributes of the generic form parse the same bodies.
func.func @generic_unknown_padding(%x: tensor<1x1x3x3xf32>) {
  // CHECK: parse-errors.mlir:[[@LINE+2]]:127: error: {{.*}}unknown padding 'FULL', expected SAME, VALID, SAME_LOWER or {{\[\[}}low, high], ...]
  // expected-error@+1 {{unknown padding 'FULL', expected SAME, VALID, SAME_LOWER or [[low, high], ...]}}
  %0 = "patches.extract"(%x) <{filter_shape = array<i64: 2, 2>, window_strides = array<i64: 1, 1>, padding = #patches.padding<FULL>}> : (tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32>
  return
}

// -----

func.func @generic_string_padding_with_values(%x: tensor<1x1x3x3xf32>) {
  // CHECK: parse-errors.mlir:[[@LINE+2]]:131: error: expected '>'
  // expected-error@+1 {{expected '>'}}
  %0 = "patches.extract"(%x) <{filter_shape = array<i64: 2, 2>, window_strides = array<i64: 1, 1>, padding = #patches.padding<SAME, [[1, 1]]>}> : (tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32>
  return
}

// -----

func.func @generic_unknown_precision(%x: tensor<1x1x3x3xf32>) {
  // CHECK: parse-errors.mlir:[[@LINE+4]]:166: error: expected ::patches::Precision to be one of: DEFAULT, HIGH, HIGHEST
  // CHECK: parse-errors.mlir:[[@LINE+3]]:169: error: failed to parse Patches_PrecisionAttr parameter 'value' which is to be a `::patches::Precision`
  // expected-error@+2 {{expected ::patches::Precision to be one of: DEFAULT, HIGH, HIGHEST}}
  // expected-error@+1 {{failed to parse Patches_PrecisionAttr parameter 'value' which is to be a `::patches::Precision`}}
  %0 = "patches.extract"(%x) <{filter_shape = array<i64: 2, 2>, window_strides = array<i64: 1, 1>, padding = #patches.padding<VALID>, precision = #patches.precision<LOW>}> : (tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32>
  return
}

// -----

func.func @generic_one_dimension_number_spec(%x: tensor<1x1x3x3xf32>) {
  // CHECK: parse-errors.mlir:[[@LINE+2]]:187: error: expected ','
  // expected-error@+1 {{expected ','}}
  %0 = "patches.extract"(%x) <{filter_shape = array<i64: 2, 2>, window_strides = array<i64: 1, 1>, padding = #patches.padding<SAME>, dimension_numbers = #patches.dimension_numbers<"NCHW">}> : (tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32>
  return
}

// -----

func.func @generic_filter_shape_not_dense_array(%x: tensor<1x1x3x3xf32>) {
  // CHECK: parse-errors.mlir:[[@LINE+2]]:8: error: {{.*}}Invalid attribute `filter_shape` in property conversion: [2, 2]
  // expected-error@+1 {{Invalid attribute `filter_shape` in property conversion: [2, 2]}}
  %0 = "patches.extract"(%x) <{filter_shape = [2, 2], window_strides = array<i64: 1, 1>, padding = #patches.padding<VALID>}> : (tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32>
  return
}

// -----

// padding has no default, as in JAX.
func.func @generic_missing_padding(%x: tensor<1x1x3x3xf32>) {
  // CHECK: parse-errors.mlir:[[@LINE+2]]:8: error: 'patches.extract' op requires attribute 'padding'
  // expected-error@+1 {{'patches.extract' op requires attribute 'padding'}}
  %0 = "patches.extract"(%x) <{filter_shape = array<i64: 2, 2>, window_strides = array<i64: 1, 1>}> : (tensor<1x1x3x3xf32>) -> tensor<1x4x2x2xf32>
  return
}

// -----

// A clause list holds integers: `true` is not the integer 1 (read back as
// -1, it was reported as "filter_shape[0] = -1 must be at least 1").
func.func @boolean_in_filter_shape(%x: tensor<1x1x3x3xf32>) {
  // CHECK: parse-errors.mlir:[[@LINE+2]]:43: error: custom op 'patches.extract' expected an integer, got 'true'
  // expected-error@+1 {{custom op 'patches.extract' expected an integer, got 'true'}}
  %0 = patches.extract %x filter_shape = [true, 3] window_strides = [1, 1] padding = VALID : tensor<1x1x3x3xf32> -> tensor<1x9x1x1xf32>
  return
}

// -----

// Likewise in an explicit padding pair.
func.func @boolean_in_padding(%x: tensor<1x1x3x3xf32>) {
  // CHECK: parse-errors.mlir:[[@LINE+2]]:85: error: custom op 'patches.extract' expected an integer, got 'false'
  // expected-error@+1 {{custom op 'patches.extract' expected an integer, got 'false'}}
  %0 = patches.extract %x filter_shape = [2, 2] window_strides = [1, 1] padding = [[false, 0], [0, 0]] : tensor<1x1x3x3xf32> -> tensor<1x4x2x2xf32>
  return
}

// -----

// The attribute dictionary cannot repeat a clause: it used to override it
// silently (the op below extracted 2x2 windows).
func.func @clause_repeated_in_attr_dict(%x: tensor<1x1x3x3xf32>) {
  // CHECK: parse-errors.mlir:[[@LINE+2]]:89: error: custom op 'patches.extract' 'filter_shape' is a clause of the op and cannot also be given in its attribute dictionary
  // expected-error@+1 {{custom op 'patches.extract' 'filter_shape' is a clause of the op and cannot also be given in its attribute dictionary}}
  %0 = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1] padding = VALID {filter_shape = array<i64: 2, 2>} : tensor<1x1x3x3xf32> -> tensor<1x9x1x1xf32>
  return
}

// -----

func.func @padding_repeated_in_attr_dict(%x: tensor<1x1x3x3xf32>) {
  // expected-error@+1 {{'padding' is a clause of the op and cannot also be given in its attribute dictionary}}
  %0 = patches.extract %x filter_shape = [3, 3] window_strides = [1, 1] padding = VALID {padding = #patches.padding<SAME>} : tensor<1x1x3x3xf32> -> tensor<1x9x1x1xf32>
  return
}

// -----

// patches.fold shares the rule.
func.func @fold_clause_repeated_in_attr_dict(%y: tensor<1x4x2x2xf32>) {
  // expected-error@+1 {{custom op 'patches.fold' 'window_strides' is a clause of the op and cannot also be given in its attribute dictionary}}
  %0 = patches.fold %y filter_shape = [2, 2] window_strides = [1, 1] padding = VALID {window_strides = array<i64: 2, 2>} : tensor<1x4x2x2xf32> -> tensor<1x1x3x3xf32>
  return
}
