# power/: the model, the least-squares fit and the budget controller are portable (host
# tests), and so are the JSON and status text; the sampler, meter, injection and calibration are kernel only.
sis_sources(power COMPONENT power
  PORTABLE budget_controller.cpp least_squares.cpp power_model.cpp power_json.cpp power_text.cpp
  KERNEL calibrate.cpp power.cpp)
