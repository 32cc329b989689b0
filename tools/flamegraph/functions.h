// Cost per function over a whole call tree (all the paths a function is called on): self
// samples (the function innermost) and total samples (the function anywhere on the stack,
// a recursive function's sample counted once). The thread/process frame that starts every
// stack (depth 1: "[kernel] shell", "[pid 7] busybox") is not a function and is left out —
// the same rules as the kernel's `profctl report`, which tests/flamegraph checks against.
#pragma once
#include <string>
#include <vector>

#include "call_tree.h"

namespace sis::flame {

struct FunctionCost {
  std::string name;
  std::uint64_t self = 0;
  std::uint64_t total = 0;
};

// Sorted by self, then total (both descending), then name.
std::vector<FunctionCost> function_costs(const CallTree& tree);

}  // namespace sis::flame
