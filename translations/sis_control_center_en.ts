<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>AppSettings</name>
    <message>
        <source>qemu-system-aarch64 not found: install qemu-system-arm or set it in Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kernel image not found (%1): build it or set it in Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disk image %1 is not readable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot copy the default disk to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>not available in this kernel (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a &apos; is not closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a &quot; is not closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The control port went away; the profile was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RemoteHostSettings</name>
    <message>
        <source>Remote host: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::ChartExport</name>
    <message>
        <source>unknown image format &apos;%1&apos; (use .png, .jpg, .pdf or .svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not write %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save chart: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;JPEG image (*.jpg *.jpeg);;PDF document (*.pdf);;SVG drawing (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save image...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save this chart as PNG, JPEG, PDF or SVG</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save %1 as an image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy this chart to the clipboard (bitmap and SVG)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy %1 to the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::ConsolePanel</name>
    <message>
        <source>busybox sh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand the terminal to /bin/sh (the kernel&apos;s `sh` command; needs a disk with busybox)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs busybox sh on this terminal: pipelines, line editing, Ctrl-C to the foreground job; `exit` returns to the kernel&apos;s shell.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::ConsoleWidget</name>
    <message>
        <source>The kernel&apos;s UART shell appears here when the VM runs. Click here and type; Up/Down recall earlier commands.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paste</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kernel&apos;s serial console. Keys go to the kernel&apos;s shell, Tab included; Ctrl+1 to Ctrl+9 go to the other panels.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::CrashPanel</name>
    <message>
        <source>Crash the kernel on purpose (crash.inject)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Panic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>panic(&quot;crash.inject&quot;): report, panic event, pvpanic</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hang</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>interrupts masked, spins forever: no pvpanic, requests time out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out of memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>allocates kernel memory until it fails, then panics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crash during write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reboot automatically</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check disk image (e2fsck -fn)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs e2fsck -fn on the disk image; the VM must be off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detail</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kernel&apos;s panic report, the journal replay report and the file system check appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QEMU exited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kernel panic event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>needs the kernel&apos;s ext4 file system (capability &quot;fs&quot;): not available in this kernel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot inject %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the control port is not ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>crash.inject: not available in this kernel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>crash.inject %1 sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>crash.inject %1 refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kernel acknowledged: crashing now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kernel stopped answering</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sys.ping: %1 (a hang raises no pvpanic)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rebooting (QMP system_reset)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QEMU: GUEST_PANICKED (pvpanic)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the VM is paused in state guest-panicked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting for you: press Reset to reboot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QEMU: RESET</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the kernel boots again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kernel back on the control port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no shell.exec: cannot ask the kernel about its journal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>`%1`: not available in this kernel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>`%1` (status %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for the host&apos;s check: power off, then &quot;Check disk image&quot; runs e2fsck -fn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e2fsck not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>install e2fsprogs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e2fsck -fn %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check: clean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>check: problems found (exit status %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>writes 64 KiB to /crash-test.bin and panics after the journal commit, before checkpoint: the next mount replays the journal. Your own content and the other crash points: Files, &quot;Write and crash...&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeat a demo from the same state (snapshots)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crash to inject after the snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot, then crash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saves the running VM (RAM, devices and disk) as snapshot &quot;%1&quot;, then injects the chosen crash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loads snapshot &quot;%1&quot;: the VM is back where it was before the crash, in seconds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;rash:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crash timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot replace snapshot &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saving snapshot &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RAM, devices and disk of the running VM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>snapshot failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>snapshot &quot;%1&quot; saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;Restore&quot; brings the VM back here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restoring snapshot &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restore failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>snapshot restored: the VM runs from before the crash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kernel back on the control port (restored)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>uptime %1 s, as at the snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crash predictor (ai.status)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::CrashPredictorView</name>
    <message>
        <source>&amp;Autonomy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: alarms only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On: act by itself</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask: propose, act on confirmation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Autonomous mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm and run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Runs the step the kernel proposes (ai.confirm); in ask mode nothing runs without this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crash detector reading and its alarm threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crash predictor: waiting for the kernel (ai.status)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detector: time to exhaustion (alarm when memory would run out within %1 ms at the last second&apos;s rate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now: memory is not falling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now: %1 s to exhaustion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detector: the model (alarm at risk %1 or more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Detector: %1 (the plot shows the model&apos;s risk)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now: risk %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(ALARM)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No alarm yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last alarm: %1 ms before the first allocation failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last alarm: no allocation failure followed it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask mode shows each step here before it runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing proposed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proposed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alarm now: no allocation failure so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirmed: %1 (runs at the next sample)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::CrashRiskPlot</name>
    <message>
        <source>last minute</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::DashboardPanel</name>
    <message>
        <source>No samples yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Hz</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metrics.subscribe rate (samples per second)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last 30 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last 5 minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>slab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>heap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>context switches/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>run queue length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KiB/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>written</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metrics: not available in this kernel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>metrics.subscribe failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>subscribed at %1 Hz, groups: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM off. Press Start to boot the kernel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the kernel&apos;s control port...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 samples, %3 Hz measured, %4 dropped%5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · no sample for %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI: crash predictor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>probability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>risk of a crash soon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per s / count</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the model&apos;s alarm threshold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>AI: inference time per model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>µs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>crash predictor, mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>crash predictor, p99</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>transformer scheduler, mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>transformer scheduler, p99</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Network</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lead time of the last crash-predictor alarm</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::FileListModel</name>
    <message>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Modified</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inode</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::FilesPanel</name>
    <message>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files: waiting for the kernel&apos;s control port...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files: not available in this kernel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kernel did not announce the &quot;fs&quot; capability (fs.list, fs.read, fs.write...). Its capabilities: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files: no disk image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The VM is off and has no disk image. Choose an ext4 image in Settings to browse it offline, or start the VM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files: cannot read the disk image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listing %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot list %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n entries</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>(error: %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Create %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the disk image is browsed read-only while the VM is off: start the VM to change files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a regular file (folders are not uploaded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>larger than %1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading: %1 of %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, first %1 shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, binary: hex dump</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name in %1:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contents (may be empty):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name (or absolute path):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the folder %1 and everything in it?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload files to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write and crash...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files in the folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write a file and cut the power at a chosen point of the journal&apos;s work; after the reboot, see what survived and why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs the running VM with a kernel that offers crash.inject and fs.*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write and crash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write and crash %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After the crash</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::FlameGraphWidget</name>
    <message>
        <source>Flame graph</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each frame is as wide as its share of the samples; Escape shows all frames again. The Functions table lists the same frames.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
%2 samples (%3 of all)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 of the zoomed frame</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
self: %1 samples (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, share %1%2 points</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
before: %2 samples (%3)
after: %4 samples (%5)
change: %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
(matches the search)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No profile yet: load a folded file or profile the VM.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIS flame graph</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown image format &apos;%1&apos; (use .png or .svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not write %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::HostPowerMeter</name>
    <message>
        <source>the VM is off</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::ImageFs</name>
    <message>
        <source>offline: disk image %1 (%2), read-only while the VM is off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the disk image is browsed read-only while the VM is off: start the VM to change files</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::LlmPanel</name>
    <message>
        <source>Language model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the kernel&apos;s control port...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language model: not available in this kernel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run in the kernel shell</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask about SIS or describe a problem, e.g. &quot;The disk is almost full and writes fail&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Question</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kernel answers from its documentation and help texts (cited), suggests a command and shows the live state it looked at. Nothing runs unless you click and confirm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live state the kernel looked at:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the VM to ask the kernel.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kernel did not announce the &quot;llm&quot; capability (llm.ask). Its capabilities: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The answer suggests this command. Exactly this line will be run in the kernel shell (Console tab):

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggested command:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sources (click to read):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>asking the kernel...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>llm.ask failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>answered in %1 ms from %2 cited passages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chosen for reports like:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command to complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the upper-case words with your values and drop the [optional] parts you do not want.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command to complete with your values:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::LogPanel</name>
    <message>
        <source>Filter (text, level or source)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter the log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::MainWindow</name>
    <message>
        <source>SIS Control Center</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Console</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crash lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Boot the kernel in QEMU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop or resume the virtual CPUs (QMP stop/cont)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset the machine: the kernel reboots (QMP system_reset)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync the file system and quit QEMU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Force stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kill QEMU at once (no sync)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;VM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>V&amp;iew</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About SIS Control Center</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About SIS Control Center</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;SIS Control Center&lt;/b&gt; %1&lt;br&gt;Boots the SIS kernel in QEMU and shows it live: metrics, console, files, crash lab.&lt;br&gt;QEMU over QMP, the kernel over its control port (protocol v1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control port: -</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control port: %1 %2, capabilities: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Control port: waiting for the kernel...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot start the VM: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start the VM: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>settings saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profiler</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIS Control Center — VM on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host: %1 (SSH)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host: this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host: %1 — SSH connection lost, reconnecting...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host: %1 — connecting...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The VM runs on %1; this window reaches it over one SSH connection. If the connection drops, the VM keeps running there and the window reconnects.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The VM runs on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot start the VM on %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start the VM on %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host key changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host key of %1 has changed. The VM was not started.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::PowerControls</name>
    <message>
        <source>&amp;Budget:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> W</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power budget in watts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kernel keeps its power under this budget: idle injection and lower priority for the threads that cost the most (powerctl set-budget)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normal scheduling again (powerctl set-budget off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibrate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fits the kernel&apos;s power model to the host reading: idle, CPU, memory and half-duty phases of %1 s each (powerctl calibrate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>power: not available in this kernel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set budget failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Budget %1 W set: the kernel injects idle time above it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear budget failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Budget cleared: normal scheduling.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibration did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibrating: settle...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibrated: P = %1 W + %2 W x utilisation (rms %3 mW). %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibration failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Calibrating: phase %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::PowerPlot</name>
    <message>
        <source>time since start (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow live</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wheel: zoom, drag: pan. Follow live returns to the moving window.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the VM to see live data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Power: not available in this kernel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIS power graph</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>power (W)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kernel estimate (model)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>budget (off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimate: no sample yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host: QEMU&apos;s share of measured energy (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host CPU-time model (%1 W per busy core)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host meter (as the kernel received it)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host reading (none yet)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No energy counters on this host (RAPL, amd_energy): the host line is
QEMU&apos;s CPU time x %1 W per core, a model, not a measurement.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No host reading yet (the app reads the host while the VM runs).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kernel&apos;s metrics samples have no &quot;power&quot; group. Nothing is drawn rather than made-up numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host reading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>budget</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Estimate %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host: no reading yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>budget off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>budget %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::ProcessesPanel</name>
    <message>
        <source>Processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No shell.exec (capability &quot;shell&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ps --json failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kernel has no `ps` command yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>`ps --json` gave no JSON (status %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n threads</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>User processes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PPID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RSS (KiB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Signal:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kill</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send the signal to the selected process (proc.kill)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ls -l /etc    or    /bin/busybox sh -c &apos;echo hi | wc -c&apos;   (no shell unless you run sh; a first word without / runs /bin/WORD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Command line to run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The program&apos;s stdout and stderr (red) appear here while it runs, then its exit status.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Program output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kernel threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the VM to see its processes and the kernel&apos;s threads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User processes: not available in this kernel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No proc.* methods (capability &quot;proc&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proc.list failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n process(es)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>  ·  user pages in use: %1 (%2 shared copy-on-write)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kernel threads: not available in this kernel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pid %1 running: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
[%1 bytes of %2 lost on the control port]
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>killed by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>exited with status %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pid %1 %2 (CPU %3 s, peak RSS %4 KiB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[could not run: %1]
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sent %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kill %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::ProfilerPanel</name>
    <message>
        <source>The control port went away; the profile was lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start sampling the kernel (prof.start)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop sampling and draw the profile (prof.stop, prof.folded)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Hz</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples per second (1..10000)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sa&amp;mple:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kernel only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One process:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pid </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Process id to sample</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load folded file...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare with before...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a folded file as the &quot;before&quot; profile and show the difference</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep as before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remember this profile as &quot;before&quot;: profile again after a change and compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flame graph</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Differential (before → after)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normalize</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare each frame&apos;s share of its profile instead of its samples (for runs of different length or rate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save image...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sear&amp;ch:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search frames (e.g. ext4, memcpy)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show all frames again (or right-click the graph, or Escape)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flame graph area</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Functions by samples in the function itself (self) and below it (total); double-click or Enter to search</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Functions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Self</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Function</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No profile yet. Profile the VM (Start, run a workload, Stop) or load a folded file (sisctl prof folded, tools/profile_kernel.sh).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the kernel&apos;s control port...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM off: start the VM to profile it, or load a folded file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live profiling: not available in this kernel (no prof.* methods, capability &quot;prof&quot;). Load a folded file to view one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready: Start, run a workload (Console), Stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A profile is already running (started elsewhere); Stop ends it and draws it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 Hz, %2 sampling</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profiling at %1. Run a workload, then Stop.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 samples, %2 dropped, %3 s%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, profiler cost %1% of the time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped (%1). Fetching the folded stacks...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prof.folded: inconsistent chunk at offset %1 (next %2, total %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>prof.folded: more than %1 MiB of folded stacks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the VM (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kernel&apos;s folded stacks are not valid: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Profile drawn: %1. Start again for another.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: line %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is larger than %2 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>too large</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  ·  kept as &quot;before&quot;: profile again and choose the Differential view.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Differential: before = %1 (%2 samples), after = %3 (%4 samples). Widths are the after profile; %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>red frames take a larger share of the samples than before, blue a smaller one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>red frames have more samples than before, blue fewer, white the same.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 samples in %2 distinct stacks, from %3. Click a frame to zoom, hover for counts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Self %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total %</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no match</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Matched: %1 (%2 of %3 samples)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Showing all frames.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zoomed: %1  (%2 samples, %3; Reset zoom or right-click to go back)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load folded stacks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folded stacks (*.folded *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load the &quot;before&quot; profile</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save flame graph</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save image</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::RemoteFs</name>
    <message>
        <source>live: the guest&apos;s file system over the control port (kernel %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled after %1 of %2 bytes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::RemoteHostCheck</name>
    <message>
        <source>No remote host is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1, but it has no QEMU (Debian: apt-get install qemu-system-arm).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1; QEMU: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unknown host key</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SIS has never connected to %1 before.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare this key with the one the host&apos;s administrator gives you before trusting it:

%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Trust this host</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::RemoteHostChooser</name>
    <message>
        <source>&amp;Host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the VM runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer (QEMU, TCG)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (over SSH)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A remote host (set one in Settings)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QEMU runs there; its QMP, control port and console come here over one SSH connection. Disk: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a copy of the default disk, made there on first use</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::RemoteVmHost</name>
    <message>
        <source>QEMU on %1 exited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting to %1 over SSH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot create a local directory for the forwarded sockets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attaching to the VM already running on %1 (pid %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>copying the kernel to %1 (once per kernel build)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>copying the kernel image to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>copying the default disk to %1 (first use only)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>copying the default disk to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting QEMU on %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the VM on %1 is no longer the one the app started</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::RootFsStatus</name>
    <message>
        <source>Disk: %1 on / (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read-only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>read-write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the disk is unusable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no disk attached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no disk mounted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NO DISK: / is in memory (%1). Changes are lost at poweroff.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NO DISK: no root file system (%1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::SchedHintsView</name>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency-critical (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slice (µs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Predicted burst (µs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inference (µs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learned scheduler decisions</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::SchedLatencyChart</name>
    <message>
        <source>Scheduler: wake-up latency</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>µs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p99</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>median</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduler: wake-up latency, policy %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>p99 (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>median (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>policy %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::SchedPolicyBox</name>
    <message>
        <source>Scheduling &amp;policy:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduling policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switches the kernel&apos;s scheduler to this policy (schedctl policy NAME); every queued thread moves to it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy switch: not available in this kernel (no shell.exec)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not list the scheduling policies: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>`schedctl status --json` gave none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switching to %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Policy switch failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kernel answered: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::SettingsDialog</name>
    <message>
        <source>Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>automatic: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QEMU binary:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kernel image:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disk image:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPUs:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CPU model:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. -d guest_errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Extra QEMU arguments:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Hz</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Metrics rate:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QEMU binary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kernel image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>default disk (a copy of sis-disk.img); &quot;none&quot; for no disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disk image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM settings apply at the next Start; the language at once.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user@host[:port]; empty: VMs run on this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remote host (SSH):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the SSH agent, then ~/.ssh/id_*</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSH key file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSH key file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Known hosts file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Known hosts file:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a copy of the default disk, made there on first use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disk image on the remote host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disk on the remote host:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect over SSH, verify the host key and look for QEMU there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The host&apos;s key is not known yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::SlabChart</name>
    <message>
        <source>Slab classes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>held by slabs (KiB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>objects in use (KiB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the kernel (memctl stats --json)...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the VM to see live data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slab classes: not available in this kernel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kernel has no shell.exec (capability &quot;shell&quot;).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>memctl stats failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>`memctl stats --json` gave no slab caches (status %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kmalloc size class (bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>KiB</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::SnapshotDialog</name>
    <message>
        <source>Snapshots...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take, list, restore and delete snapshots of the VM (RAM, devices and disk)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Take snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taken</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VM state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guest uptime</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New snapshot name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name of the new snapshot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause the VM, save its RAM, devices and disk, resume it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put the running VM back into the selected snapshot (RAM, devices and disk)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot &apos;%1&apos; failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring &apos;%1&apos; failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot &apos;%1&apos; taken.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot &apos;%1&apos; restored.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the VM to take or restore snapshots.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid name: letters, digits, &apos;.&apos;, &apos;-&apos;, &apos;_&apos; (at most 64).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Taking snapshot &apos;%1&apos;...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restoring &apos;%1&apos;...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snapshot &apos;%1&apos; deleted.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::TimeChart</name>
    <message>
        <source>time since start (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the VM to see live data.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: not available in this kernel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kernel&apos;s metrics samples have no such data (group or member absent).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::TracesPanel</name>
    <message>
        <source>Id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latency (us)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the VM to see the kernel&apos;s decision traces.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the kernel&apos;s control port...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Traces: not available in this kernel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kernel did not announce the &quot;trace&quot; capability. Its capabilities: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decision traces</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected trace record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crash predictor and other decisions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scheduler: learned policy hints</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which decision records to show</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::VmSession</name>
    <message>
        <source>QMP connection ended: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>control port ready: %1 %2, protocol %3, capabilities: %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>control port not available: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>panic: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UART console connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UART console: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Guest panicked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the VM is already running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QEMU failed to start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QEMU is up (pid %1), runtime directory %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QMP ready (QEMU %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cont: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>event %1%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stop: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>system_reset: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>quit: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fs.sync before power off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the VM is not running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>snapshot &apos;%1&apos; deleted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>snapshot &apos;%1&apos; saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>snapshot &apos;%1&apos; restored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>snapshot %1 &apos;%2&apos; failed: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another snapshot operation is running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>saving snapshot &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>restoring snapshot &apos;%1&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no remote host is set (Settings)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot start the VM on %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reconnecting to %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connecting to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attached to the VM already running on %1 (pid %2 there); sockets forwarded to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QEMU is up on %1 (pid %2 there, runtime directory %3); sockets forwarded to %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (the VM keeps running there; reconnecting)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reconnecting to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reconnected to %1: the VM (pid %2 there) kept running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>snapshots of a VM on a remote host are taken with sisctl --host %1 vm snapshot</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::WelcomePage</name>
    <message>
        <source>SIS Control Center</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Boots the SIS teaching kernel in QEMU and shows it live: metrics, console, files, crash lab. No virtual machine is running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where the VM runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer (QEMU, TCG)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start with the default disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Boot the kernel with your copy of the build&apos;s default disk (sis-disk.img)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open disk image...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a raw ext4 disk image and boot the kernel with it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Recent disks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent disks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Double-click or press Enter to start the VM with a disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disk images you start appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start with the selected disk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forget the selected disk (the file stays)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(missing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
last changed %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1
the file is gone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>qemu-system-aarch64 was not found: install qemu-system-arm or set the QEMU binary in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The kernel image was not found (%1): build it (cmake --build build --target kernel) or set it in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open disk image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disk images (*.img *.raw *.ext4);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::WriteCrashDialog</name>
    <message>
        <source>Write and crash</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writes your content to the file in the guest, cuts the power at the chosen point of the journal&apos;s work, reboots, and shows what survived and why.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>File in the guest:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Take it from a host file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The content to write (at most %1 bytes)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content to write</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host file with the content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Content from a host file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crash point:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file must be an absolute path in the guest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a host file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The content is empty: a crash during the write needs something to write.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The content is larger than %1 bytes, the most one write-crash takes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After the reboot the journal guarantees %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the new content</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the old content (or no file, for a new one)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::WriteCrashRun</name>
    <message>
        <source>no result within %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QEMU: GUEST_PANICKED; rebooting (QMP system_reset)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the VM was powered off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown crash point %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the content must be 1 to %1 bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the running kernel must offer the &quot;crash&quot; and &quot;fs&quot; capabilities</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading %1 as it is now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>crash.inject write-crash at %1: %2 bytes to %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>crash.inject refused: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kernel acknowledged: crashing now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kernel back on the control port: asking what the journal did</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reading %1 after the reboot: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e2fsck -fn on a copy of the disk (QMP stop, copy, cont)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sis::desktop::WriteCrashView</name>
    <message>
        <source>What you wrote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the disk holds now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the journal did</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e2fsck -fn (copy taken while paused)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crash point: %1 (%2), replacing the content of %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crash point: %1 (%2), writing the new file %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>typed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from host file %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 bytes, %2
%3

%4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(replacing %1 bytes of old content)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(a new file)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(not read: the run stopped)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no file

%1 does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, %2 bytes

%3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fs.journal: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At the mount after the reboot:
%1

transactions replayed: %2 (%3 blocks)
transactions discarded (no commit block): %4 (%5 blocks)
revoked blocks skipped: %6</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>

At the crash, the kernel said:
%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>clean (exit status 0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>problems found (exit status %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not run: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
The VM was paused for %1 ms to copy its disk.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>
(The guest has the file system mounted, so it is flagged needs_recovery; e2fsck -n never writes, so it leaves the journal alone and checks the file system as it is on the disk.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run did not finish: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome: %1 is on the disk, as the journal guarantees at this point: correct.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> But e2fsck did not find the disk clean.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome: %1 is on the disk, but the journal guarantees %2 here: WRONG.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
