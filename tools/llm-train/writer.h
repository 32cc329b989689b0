// Writing model files: the SIS format (kernel/ai/llm/model_format.h, docs/llm.md) for models
// and LoRA adapters, and llama2.c's checkpoint + tokenizer.bin for interoperability tests.
#pragma once
#include <string>
#include <vector>

#include "bpe.h"
#include "train.h"

namespace sis::train {

std::vector<uint8_t> sis_model_bytes(const Config& c, const std::vector<float>& params, const Vocab& v,
                                     const std::string& name);
std::vector<uint8_t> sis_adapter_bytes(const Config& c, const LoraLayout& l, const std::vector<float>& lora,
                                       const std::string& name);
// llama2.c run.c format (shared classifier), tensors regrouped by kind, plus tokenizer.bin
// (byte tokens spelled <0xXX>).
std::vector<uint8_t> llama2c_model_bytes(const Config& c, const std::vector<float>& params);
std::vector<uint8_t> llama2c_tokenizer_bytes(const Vocab& v);

bool write_file(const std::string& path, const std::vector<uint8_t>& bytes);
bool read_file(const std::string& path, std::string* out);

}  // namespace sis::train
