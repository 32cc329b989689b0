// Frame names: see symbol_names.h.
#include "prof/symbol_names.h"

#include "lib/string.h"

namespace sis::prof {

namespace {

bool balanced(StrView s) {
  int depth = 0;
  for (usize i = 0; i < s.size; ++i) {
    if (s.data[i] == '(') ++depth;
    else if (s.data[i] == ')' && --depth < 0) return false;
  }
  return depth == 0;
}

bool is_at(StrView s, usize i, const char* word) {
  StrView w(word);
  return i + w.size <= s.size && memcmp(s.data + i, w.data, w.size) == 0;
}

}  // namespace

void short_function_name(StrView s, TextBuffer& out) {
  if (!balanced(s)) {
    out.append(s);
    return;
  }
  usize i = is_at(s, 0, "sis::") ? 5 : 0;
  while (i < s.size) {
    char c = s.data[i];
    bool op_call = is_at(s, i, "()") && i >= 8 && is_at(s, i - 8, "operator");
    if (c == '(' && !is_at(s, i, "(anonymous namespace)") && !op_call) {
      // Skip the balanced group: a parameter list (or a template's function type).
      int depth = 0;
      for (; i < s.size; ++i) {
        if (s.data[i] == '(') ++depth;
        else if (s.data[i] == ')' && --depth == 0) break;
      }
      ++i;
      // Qualifiers after a parameter list: " const", " volatile", " &", " &&".
      while (i < s.size && s.data[i] == ' ') {
        usize j = i + 1;
        while (j < s.size && s.data[j] != ' ' && s.data[j] != ':' && s.data[j] != '(') ++j;
        if (j < s.size && s.data[j] == ':') break;  // a name follows, keep it
        i = j;
      }
      continue;
    }
    if (op_call) {  // operator()'s own name
      out.append("()");
      i += 2;
      continue;
    }
    if (is_at(s, i, "(anonymous namespace)")) {
      out.append("(anonymous namespace)");
      i += 21;
      continue;
    }
    out.push(c);
    ++i;
  }
}

void name_kernel_frame(const SymbolTable& table, u64 addr, TextBuffer& out) {
  Symbolized sym = symbolize(table, addr);
  if (!sym.name) {
    out.append("[unknown]");
    return;
  }
  out.append("sis`");
  short_function_name(sym.name, out);
}

void name_user_frame(StrView exe, u64 offset, TextBuffer& out) {
  usize b = exe.size;
  while (b > 0 && exe.data[b - 1] != '/') --b;
  StrView base(exe.data + b, exe.size - b);
  if (base.empty()) base = "[user]";
  out.appendf("%.*s`0x%llx", static_cast<int>(base.size), base.data, static_cast<unsigned long long>(offset));
}

}  // namespace sis::prof
