// Version strings, set by the build (kernel/CMakeLists.txt).
#pragma once
#ifndef SIS_VERSION
#define SIS_VERSION "0.0.0"
#endif
#ifndef SIS_GIT
#define SIS_GIT "unknown"
#endif
#define SIS_PROTOCOL_VERSION 1
