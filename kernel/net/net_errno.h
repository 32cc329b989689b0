// The Linux errno values the network code returns (negated), as aarch64 Linux numbers them.
// The socket calls report errors the generic Error enum has no names for (EADDRINUSE,
// ENETUNREACH, ...), so net code speaks errno directly, like the system calls it serves.
#pragma once

namespace sis::net::err {

constexpr long kAgain = 11, kNoMem = 12, kFault = 14, kInval = 22, kNotSock = 88, kDestAddrReq = 89,
               kMsgSize = 90, kProtoType = 91, kNoProtoOpt = 92, kProtoNoSupport = 93, kOpNotSupp = 95,
               kAfNoSupport = 97, kAddrInUse = 98, kAddrNotAvail = 99, kNetUnreach = 101, kIsConn = 106,
               kNotConn = 107, kConnRefused = 111, kHostUnreach = 113, kPipe = 32;

}  // namespace sis::net::err
