// The virtio-console control messages the device sends on its control receive queue
// (virtio 1.x section 5.3.6.2), parsed and applied to the driver's port state without
// touching the device: portable, so the host fuzzes it (tests/fuzz/fuzz_console_control.cpp).
// The driver (virtio_console.cpp) performs what the result asks for: buffers to post and a
// control message to send back.
#pragma once
#include "lib/result.h"

namespace sis::virtio {

// Control events (virtio 1.x 5.3.6.2)
constexpr u16 kDeviceReady = 0, kDeviceAdd = 1, kDeviceRemove = 2, kPortReady = 3, kConsolePort = 4,
              kPortOpen = 6, kPortName = 7;

// struct virtio_console_control (little-endian, as the guest reads it)
struct ConsoleCtrl {
  u32 id;
  u16 event;
  u16 value;
};

// The driver state the control messages change (pointers into the driver's members).
struct ConsolePortState {
  const char* name;             // the port we serve ("org.sis.control")
  u32 max_ports;                // entries of host_open (Console::kMaxPorts)
  u16 nqueues;                  // queues set up: port id has queues when 2 * id + 3 < nqueues
  int* port;                    // our port's id once named, else -1
  bool* host_open;              // [max_ports]: the host has the port open
  volatile u32* conn_generation;
};

struct ConsoleControlResult {
  bool valid = false;     // a whole control message was read
  bool reply = false;     // send (reply_id, reply_event, reply_value) back
  u32 reply_id = 0;
  u16 reply_event = 0, reply_value = 0;
  bool port_named = false;  // our port got its id: post its receive buffers
};

ConsoleControlResult apply_console_control(ConsolePortState& st, const u8* msg, u32 len);

}  // namespace sis::virtio
