# lib/: the freestanding library every layer uses (and host programs use for JSON).
sis_sources(lib COMPONENT lib
  PORTABLE args.cpp base64.cpp bench.cpp crc32c.cpp env.cpp fdt.cpp format.cpp json.cpp
           json_output.cpp json_reader.cpp output.cpp result.cpp string.cpp symbols.cpp)
