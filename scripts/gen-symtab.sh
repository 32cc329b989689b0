#!/bin/sh
# gen-symtab.sh NM ELF OUT.S: turns the function symbols of a linked kernel into an assembly
# file with a sorted table (see kernel/lib/symbols.h for the layout). With ELF "-" it emits
# an empty table (the first link).
set -eu
nm=$1; elf=$2; out=$3
tmp=$out.tmp
if [ "$elf" = "-" ]; then
  : > "$tmp.syms"
else
  # address size type name, functions only, demangled, sorted by address
  "$nm" -n -S --defined-only --demangle "$elf" | awk '$3 ~ /^[tTwW]$/ && NF >= 4 && $4 !~ /^__(text|kernel|bss|init_array|boot_stack|image)_/' > "$tmp.syms"
fi
awk '
BEGIN { n = 0; off = 0 }
{
  addr = $1; size = $2
  name = $4; for (i = 5; i <= NF; i++) name = name " " $i
  gsub(/\\/, "\\\\", name); gsub(/"/, "\\\"", name)
  a[n] = addr; s[n] = size; o[n] = off; nm[n] = name
  off += length(name) + 1; n++
}
END {
  print ".section .sis_symtab, \"a\""
  print ".balign 8"
  print ".global sis_symtab_count, sis_symtab_entries, sis_symtab_strings, sis_symtab_strings_size"
  print "sis_symtab_count: .quad " n
  print "sis_symtab_strings_size: .quad " off
  print "sis_symtab_entries:"
  for (i = 0; i < n; i++) printf "  .quad 0x%s\n  .word %d, 0x%s\n", a[i], o[i], (s[i] == "" ? "0" : s[i])
  print "sis_symtab_strings:"
  for (i = 0; i < n; i++) printf "  .asciz \"%s\"\n", nm[i]
}' "$tmp.syms" > "$tmp"
rm -f "$tmp.syms"
mv "$tmp" "$out"
