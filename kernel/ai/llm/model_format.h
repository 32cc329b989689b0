// The on-disk layout of SIS language-model files (docs/llm.md is the specification). Shared
// by the kernel's reader (model.cpp) and the host trainer's writer (tools/llm-train), so the
// two cannot drift. Everything is little-endian; tensors are IEEE-754 float32, row-major.
//
//   [0, 128)            ModelHeader (below)
//   [tok_off, +tok_sz)  tokenizer (models only): TokHeader, then vocab_size entries
//                       {f32 score, u16 len, len bytes}
//   [w_off, +w_sz)      weights (64-byte aligned offset), see weight_floats()
//
// Two CRC-32 (IEEE 802.3, zlib's) values protect the file: header_crc over header bytes
// [0, 124) and payload_crc over everything after the header.
#pragma once
#include "lib/types.h"

namespace sis::llm {

constexpr char kMagic[8] = {'S', 'I', 'S', 'L', 'L', 'M', '\0', '\0'};
constexpr u32 kFormatVersion = 1;
constexpr u32 kHeaderSize = 128;
constexpr u32 kKindModel = 1;
constexpr u32 kKindAdapter = 2;
constexpr u32 kFlagSharedClassifier = 1;

// LoRA targets (bit i of ModelHeader::lora_targets), in the order adapters store them.
enum LoraTarget : u32 { kLoraQ = 0, kLoraK, kLoraV, kLoraO, kLoraW1, kLoraW2, kLoraW3, kLoraTargetCount };

// Tokenizer flags.
constexpr u32 kTokPretokenize = 1;   // merge only inside words (SIS tokenizer; see tokenizer.h)
constexpr u32 kTokDummyPrefix = 2;   // prepend " " (SentencePiece / llama2.c)
constexpr u32 kTokBytePieces = 4;    // byte tokens are spelled "<0xXX>" (llama2.c)

// Field offsets in the 128-byte header (the struct is only documentation: the reader
// decodes field by field so that alignment and padding never matter).
struct ModelHeader {
  char magic[8];        // 0   "SISLLM\0\0"
  u32 version;          // 8   kFormatVersion
  u32 header_size;      // 12  128
  u32 kind;             // 16  kKindModel / kKindAdapter
  u32 flags;            // 20  kFlagSharedClassifier
  u32 dim;              // 24
  u32 hidden_dim;       // 28
  u32 n_layers;         // 32
  u32 n_heads;          // 36
  u32 n_kv_heads;       // 40
  u32 vocab_size;       // 44
  u32 seq_len;          // 48
  u32 rope_theta;       // 52  integer base of the rotary frequencies (10000)
  u32 norm_eps_e9;      // 56  RMSNorm epsilon x 1e9 (1e-5 -> 10000)
  u32 lora_rank;        // 60  adapters only
  u32 lora_alpha_e3;    // 64  adapters: alpha x 1000 (scale = alpha / rank)
  u32 lora_targets;     // 68  adapters: bit mask of LoraTarget
  u64 tok_offset;       // 72
  u64 tok_size;         // 80
  u64 weights_offset;   // 88
  u64 weights_size;     // 96
  char name[16];        // 104 NUL-padded model name
  u32 payload_crc;      // 120 CRC-32 of bytes [128, file size)
  u32 header_crc;       // 124 CRC-32 of bytes [0, 124)
};
static_assert(sizeof(ModelHeader) == 128);

constexpr u32 kTokHeaderSize = 24;  // u32 count, max_len, bos, eos, byte_base, flags

// Limits the reader enforces before it trusts any size (keeps every product in 64 bits).
constexpr u32 kMaxDim = 8192, kMaxLayers = 64, kMaxHeads = 128, kMaxVocab = 65536, kMaxSeq = 8192,
              kMaxHidden = 32768, kMaxLoraRank = 64, kMaxPieceLen = 256;

}  // namespace sis::llm
