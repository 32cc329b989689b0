# top/: kmain and the list of background jobs (kernel only).
sis_sources(top KERNEL background_jobs.cpp kmain.cpp)
