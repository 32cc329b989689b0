# The power subsystem (issue 10): the model, the least-squares fit and the budget controller
# are portable (host tests); the sampler, meter, injection, calibration, shell command and
# control methods are kernel only. Included from kernel/sources.cmake.
list(APPEND SIS_PORTABLE_SOURCES
  power/power_model.cpp
  power/least_squares.cpp
  power/budget_controller.cpp
)
list(APPEND SIS_KERNEL_ONLY_SOURCES
  arch/aarch64/pmu.cpp
  power/power.cpp
  power/calibrate.cpp
  power/power_json.cpp
  shell/cmd_power.cpp
  control/methods_power.cpp
)
