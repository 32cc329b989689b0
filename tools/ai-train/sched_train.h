// Scheduler-model training by imitation of the oracle (see sched_train.cpp).
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "sched_sim.h"

namespace aitrain {

std::vector<uint8_t> train_sched(const std::vector<Decision>& data, uint64_t seed, int epochs, uint32_t version,
                                 std::string* log);
// Share of decisions where the quantized model (kernel arithmetic) picks what the oracle did.
double agreement(const std::vector<uint8_t>& model, const std::vector<Decision>& data);

}  // namespace aitrain
