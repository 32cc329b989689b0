<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>AppSettings</name>
    <message>
        <source>qemu-system-aarch64 not found: install qemu-system-arm or set it in Settings</source>
        <translation>qemu-system-aarch64 nicht gefunden: installieren Sie qemu-system-arm oder geben Sie es in den Einstellungen an</translation>
    </message>
    <message>
        <source>kernel image not found (%1): build it or set it in Settings</source>
        <translation>Kernel-Abbild nicht gefunden (%1): bauen Sie es oder geben Sie es in den Einstellungen an</translation>
    </message>
    <message>
        <source>disk image %1 is not readable</source>
        <translation>Datenträgerabbild %1 ist nicht lesbar</translation>
    </message>
    <message>
        <source>cannot copy the default disk to %1</source>
        <translation>kann den Standard-Datenträger nicht nach %1 kopieren</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>not available in this kernel (%1)</source>
        <translation>in diesem Kernel nicht verfügbar (%1)</translation>
    </message>
    <message>
        <source>a &apos; is not closed</source>
        <translation>ein &apos; wird nicht geschlossen</translation>
    </message>
    <message>
        <source>a &quot; is not closed</source>
        <translation>ein &quot; wird nicht geschlossen</translation>
    </message>
    <message>
        <source>%1 samples</source>
        <translation>%1 Messwerte</translation>
    </message>
    <message>
        <source>The control port went away; the profile was lost.</source>
        <translation>Der Steuerport ist weg; das Profil ist verloren.</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
</context>
<context>
    <name>RemoteHostSettings</name>
    <message>
        <source>Remote host: %1</source>
        <translation>Entfernter Rechner: %1</translation>
    </message>
</context>
<context>
    <name>sis::desktop::ChartExport</name>
    <message>
        <source>unknown image format &apos;%1&apos; (use .png, .jpg, .pdf or .svg)</source>
        <translation>unbekanntes Bildformat &apos;%1&apos; (.png, .jpg, .pdf oder .svg verwenden)</translation>
    </message>
    <message>
        <source>could not write %1</source>
        <translation>konnte %1 nicht schreiben</translation>
    </message>
    <message>
        <source>Save chart: %1</source>
        <translation>Diagramm speichern: %1</translation>
    </message>
    <message>
        <source>PNG image (*.png);;JPEG image (*.jpg *.jpeg);;PDF document (*.pdf);;SVG drawing (*.svg)</source>
        <translation>PNG-Bild (*.png);;JPEG-Bild (*.jpg *.jpeg);;PDF-Dokument (*.pdf);;SVG-Zeichnung (*.svg)</translation>
    </message>
    <message>
        <source>Save image</source>
        <translation>Bild speichern</translation>
    </message>
    <message>
        <source>Save image...</source>
        <translation>Bild speichern...</translation>
    </message>
    <message>
        <source>Save this chart as PNG, JPEG, PDF or SVG</source>
        <translation>Dieses Diagramm als PNG, JPEG, PDF oder SVG speichern</translation>
    </message>
    <message>
        <source>Save %1 as an image</source>
        <translation>%1 als Bild speichern</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Copy this chart to the clipboard (bitmap and SVG)</source>
        <translation>Dieses Diagramm in die Zwischenablage kopieren (Bitmap und SVG)</translation>
    </message>
    <message>
        <source>Copy %1 to the clipboard</source>
        <translation>%1 in die Zwischenablage kopieren</translation>
    </message>
</context>
<context>
    <name>sis::desktop::ConsolePanel</name>
    <message>
        <source>busybox sh</source>
        <translation>busybox sh</translation>
    </message>
    <message>
        <source>Hand the terminal to /bin/sh (the kernel&apos;s `sh` command; needs a disk with busybox)</source>
        <translation>Das Terminal an /bin/sh übergeben (der Kernel-Befehl `sh`; braucht einen Datenträger mit busybox)</translation>
    </message>
    <message>
        <source>Runs busybox sh on this terminal: pipelines, line editing, Ctrl-C to the foreground job; `exit` returns to the kernel&apos;s shell.</source>
        <translation>Startet busybox sh in diesem Terminal: Pipelines, Zeilenbearbeitung, Strg-C an den Vordergrundjob; `exit` kehrt zur Shell des Kernels zurück.</translation>
    </message>
</context>
<context>
    <name>sis::desktop::ConsoleWidget</name>
    <message>
        <source>The kernel&apos;s UART shell appears here when the VM runs. Click here and type; Up/Down recall earlier commands.</source>
        <translation>Die UART-Shell des Kernels erscheint hier, sobald die VM läuft. Hier klicken und tippen; Auf/Ab holt frühere Befehle zurück.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>Alles auswählen</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Konsole</translation>
    </message>
    <message>
        <source>The kernel&apos;s serial console. Keys go to the kernel&apos;s shell, Tab included; Ctrl+1 to Ctrl+9 go to the other panels.</source>
        <translation>Die serielle Konsole des Kernels. Tasten gehen an die Shell des Kernels, auch Tab; Strg+1 bis Strg+9 wechseln zu den anderen Bereichen.</translation>
    </message>
</context>
<context>
    <name>sis::desktop::CrashPanel</name>
    <message>
        <source>Crash the kernel on purpose (crash.inject)</source>
        <translation>Den Kernel absichtlich abstürzen lassen (crash.inject)</translation>
    </message>
    <message>
        <source>Panic</source>
        <translation>Panik</translation>
    </message>
    <message>
        <source>panic(&quot;crash.inject&quot;): report, panic event, pvpanic</source>
        <translation>panic(&quot;crash.inject&quot;): Bericht, Panik-Ereignis, pvpanic</translation>
    </message>
    <message>
        <source>Hang</source>
        <translation>Hängen</translation>
    </message>
    <message>
        <source>interrupts masked, spins forever: no pvpanic, requests time out</source>
        <translation>Interrupts maskiert, kreist endlos: kein pvpanic, Anfragen laufen in Zeitüberschreitung</translation>
    </message>
    <message>
        <source>Out of memory</source>
        <translation>Speicher erschöpft</translation>
    </message>
    <message>
        <source>allocates kernel memory until it fails, then panics</source>
        <translation>belegt Kernel-Speicher, bis es scheitert, dann Panik</translation>
    </message>
    <message>
        <source>Crash during write</source>
        <translation>Absturz beim Schreiben</translation>
    </message>
    <message>
        <source>Reboot automatically</source>
        <translation>Automatisch neu starten</translation>
    </message>
    <message>
        <source>Check disk image (e2fsck -fn)</source>
        <translation>Datenträgerabbild prüfen (e2fsck -fn)</translation>
    </message>
    <message>
        <source>Runs e2fsck -fn on the disk image; the VM must be off</source>
        <translation>Führt e2fsck -fn auf dem Datenträgerabbild aus; die VM muss aus sein</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Was geschah</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Detail</translation>
    </message>
    <message>
        <source>The kernel&apos;s panic report, the journal replay report and the file system check appear here.</source>
        <translation>Der Panik-Bericht des Kernels, der Bericht über die Journal-Wiederholung und die Dateisystemprüfung erscheinen hier.</translation>
    </message>
    <message>
        <source>QEMU exited</source>
        <translation>QEMU beendet</translation>
    </message>
    <message>
        <source>kernel panic event</source>
        <translation>Kernel-Panik-Ereignis</translation>
    </message>
    <message>
        <source>needs the kernel&apos;s ext4 file system (capability &quot;fs&quot;): not available in this kernel</source>
        <translation>braucht das ext4-Dateisystem des Kernels (Fähigkeit „fs“): in diesem Kernel nicht verfügbar</translation>
    </message>
    <message>
        <source>cannot inject %1</source>
        <translation>kann %1 nicht auslösen</translation>
    </message>
    <message>
        <source>the control port is not ready</source>
        <translation>der Steuerport ist nicht bereit</translation>
    </message>
    <message>
        <source>crash.inject: not available in this kernel</source>
        <translation>crash.inject: in diesem Kernel nicht verfügbar</translation>
    </message>
    <message>
        <source>crash.inject %1 sent</source>
        <translation>crash.inject %1 gesendet</translation>
    </message>
    <message>
        <source>crash.inject %1 refused</source>
        <translation>crash.inject %1 abgelehnt</translation>
    </message>
    <message>
        <source>kernel acknowledged: crashing now</source>
        <translation>Kernel bestätigt: stürzt jetzt ab</translation>
    </message>
    <message>
        <source>kernel stopped answering</source>
        <translation>Kernel antwortet nicht mehr</translation>
    </message>
    <message>
        <source>sys.ping: %1 (a hang raises no pvpanic)</source>
        <translation>sys.ping: %1 (ein Hänger löst kein pvpanic aus)</translation>
    </message>
    <message>
        <source>rebooting (QMP system_reset)</source>
        <translation>Neustart (QMP system_reset)</translation>
    </message>
    <message>
        <source>QEMU: GUEST_PANICKED (pvpanic)</source>
        <translation>QEMU: GUEST_PANICKED (pvpanic)</translation>
    </message>
    <message>
        <source>the VM is paused in state guest-panicked</source>
        <translation>die VM ist im Zustand guest-panicked angehalten</translation>
    </message>
    <message>
        <source>waiting for you: press Reset to reboot</source>
        <translation>Warte auf Sie: Zurücksetzen startet neu</translation>
    </message>
    <message>
        <source>QEMU: RESET</source>
        <translation>QEMU: RESET</translation>
    </message>
    <message>
        <source>the kernel boots again</source>
        <translation>der Kernel startet erneut</translation>
    </message>
    <message>
        <source>kernel back on the control port</source>
        <translation>Kernel wieder am Steuerport</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>no shell.exec: cannot ask the kernel about its journal</source>
        <translation>kein shell.exec: kann den Kernel nicht nach seinem Journal fragen</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>`%1`: not available in this kernel</source>
        <translation>`%1`: in diesem Kernel nicht verfügbar</translation>
    </message>
    <message>
        <source>`%1` (status %2)</source>
        <translation>`%1` (Status %2)</translation>
    </message>
    <message>
        <source>for the host&apos;s check: power off, then &quot;Check disk image&quot; runs e2fsck -fn</source>
        <translation>für die Prüfung auf dem Host: ausschalten, dann führt „Datenträgerabbild prüfen“ e2fsck -fn aus</translation>
    </message>
    <message>
        <source>e2fsck not found</source>
        <translation>e2fsck nicht gefunden</translation>
    </message>
    <message>
        <source>install e2fsprogs</source>
        <translation>installieren Sie e2fsprogs</translation>
    </message>
    <message>
        <source>e2fsck -fn %1</source>
        <translation>e2fsck -fn %1</translation>
    </message>
    <message>
        <source>check: clean</source>
        <translation>Prüfung: sauber</translation>
    </message>
    <message>
        <source>check: problems found (exit status %1)</source>
        <translation>Prüfung: Probleme gefunden (Exit-Status %1)</translation>
    </message>
    <message>
        <source>writes 64 KiB to /crash-test.bin and panics after the journal commit, before checkpoint: the next mount replays the journal. Your own content and the other crash points: Files, &quot;Write and crash...&quot;</source>
        <translation>schreibt 64 KiB nach /crash-test.bin und gerät nach dem Journal-Commit, vor dem Checkpoint, in Panik: das nächste Einhängen wiederholt das Journal. Eigener Inhalt und die anderen Absturzpunkte: Dateien, „Schreiben und abstürzen...“</translation>
    </message>
    <message>
        <source>Repeat a demo from the same state (snapshots)</source>
        <translation>Eine Vorführung aus demselben Zustand wiederholen (Schnappschüsse)</translation>
    </message>
    <message>
        <source>Crash to inject after the snapshot</source>
        <translation>Nach dem Schnappschuss auszulösender Absturz</translation>
    </message>
    <message>
        <source>Snapshot, then crash</source>
        <translation>Schnappschuss, dann Absturz</translation>
    </message>
    <message>
        <source>Saves the running VM (RAM, devices and disk) as snapshot &quot;%1&quot;, then injects the chosen crash</source>
        <translation>Sichert die laufende VM (RAM, Geräte und Datenträger) als Schnappschuss „%1“ und löst dann den gewählten Absturz aus</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Loads snapshot &quot;%1&quot;: the VM is back where it was before the crash, in seconds</source>
        <translation>Lädt den Schnappschuss „%1“: die VM ist in Sekunden wieder dort, wo sie vor dem Absturz war</translation>
    </message>
    <message>
        <source>C&amp;rash:</source>
        <translation>Abs&amp;turz:</translation>
    </message>
    <message>
        <source>Crash timeline</source>
        <translation>Absturz-Zeitleiste</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Berichte</translation>
    </message>
    <message>
        <source>cannot replace snapshot &quot;%1&quot;</source>
        <translation>kann den Schnappschuss „%1“ nicht ersetzen</translation>
    </message>
    <message>
        <source>saving snapshot &quot;%1&quot;</source>
        <translation>sichere Schnappschuss „%1“</translation>
    </message>
    <message>
        <source>RAM, devices and disk of the running VM</source>
        <translation>RAM, Geräte und Datenträger der laufenden VM</translation>
    </message>
    <message>
        <source>snapshot failed</source>
        <translation>Schnappschuss fehlgeschlagen</translation>
    </message>
    <message>
        <source>snapshot &quot;%1&quot; saved</source>
        <translation>Schnappschuss „%1“ gesichert</translation>
    </message>
    <message>
        <source>&quot;Restore&quot; brings the VM back here</source>
        <translation>„Wiederherstellen“ bringt die VM hierher zurück</translation>
    </message>
    <message>
        <source>restoring snapshot &quot;%1&quot;</source>
        <translation>stelle Schnappschuss „%1“ wieder her</translation>
    </message>
    <message>
        <source>restore failed</source>
        <translation>Wiederherstellen fehlgeschlagen</translation>
    </message>
    <message>
        <source>snapshot restored: the VM runs from before the crash</source>
        <translation>Schnappschuss wiederhergestellt: die VM läuft ab dem Zustand vor dem Absturz</translation>
    </message>
    <message>
        <source>kernel back on the control port (restored)</source>
        <translation>Kernel wieder am Steuerport (wiederhergestellt)</translation>
    </message>
    <message>
        <source>uptime %1 s, as at the snapshot</source>
        <translation>Laufzeit %1 s, wie beim Schnappschuss</translation>
    </message>
    <message>
        <source>Crash predictor (ai.status)</source>
        <translation>Absturzvorhersage (ai.status)</translation>
    </message>
</context>
<context>
    <name>sis::desktop::CrashPredictorView</name>
    <message>
        <source>&amp;Autonomy:</source>
        <translation>&amp;Autonomie:</translation>
    </message>
    <message>
        <source>Off: alarms only</source>
        <translation>Aus: nur Alarme</translation>
    </message>
    <message>
        <source>On: act by itself</source>
        <translation>Ein: handelt selbst</translation>
    </message>
    <message>
        <source>Ask: propose, act on confirmation</source>
        <translation>Fragen: vorschlagen, nach Bestätigung handeln</translation>
    </message>
    <message>
        <source>Autonomous mode</source>
        <translation>Autonomer Modus</translation>
    </message>
    <message>
        <source>Confirm and run</source>
        <translation>Bestätigen und ausführen</translation>
    </message>
    <message>
        <source>Runs the step the kernel proposes (ai.confirm); in ask mode nothing runs without this</source>
        <translation>Führt den vom Kernel vorgeschlagenen Schritt aus (ai.confirm); im Fragemodus läuft ohne dies nichts</translation>
    </message>
    <message>
        <source>Crash detector reading and its alarm threshold</source>
        <translation>Messwert des Absturzdetektors und seine Alarmschwelle</translation>
    </message>
    <message>
        <source>Crash predictor: waiting for the kernel (ai.status)</source>
        <translation>Absturzvorhersage: warte auf den Kernel (ai.status)</translation>
    </message>
    <message>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <source>Detector: time to exhaustion (alarm when memory would run out within %1 ms at the last second&apos;s rate)</source>
        <translation>Detektor: Zeit bis zur Erschöpfung (Alarm, wenn der Speicher bei der Rate der letzten Sekunde binnen %1 ms ausginge)</translation>
    </message>
    <message>
        <source>Now: memory is not falling</source>
        <translation>Jetzt: der Speicher nimmt nicht ab</translation>
    </message>
    <message>
        <source>Now: %1 s to exhaustion</source>
        <translation>Jetzt: %1 s bis zur Erschöpfung</translation>
    </message>
    <message>
        <source>Detector: the model (alarm at risk %1 or more)</source>
        <translation>Detektor: das Modell (Alarm ab Risiko %1)</translation>
    </message>
    <message>
        <source>Detector: %1 (the plot shows the model&apos;s risk)</source>
        <translation>Detektor: %1 (das Diagramm zeigt das Risiko des Modells)</translation>
    </message>
    <message>
        <source>Now: risk %1</source>
        <translation>Jetzt: Risiko %1</translation>
    </message>
    <message>
        <source>(ALARM)</source>
        <translation>(ALARM)</translation>
    </message>
    <message>
        <source>No alarm yet</source>
        <translation>Noch kein Alarm</translation>
    </message>
    <message>
        <source>Last alarm: %1 ms before the first allocation failure</source>
        <translation>Letzter Alarm: %1 ms vor dem ersten Allokationsfehler</translation>
    </message>
    <message>
        <source>Last alarm: no allocation failure followed it</source>
        <translation>Letzter Alarm: kein Allokationsfehler folgte</translation>
    </message>
    <message>
        <source>Ask mode shows each step here before it runs</source>
        <translation>Der Fragemodus zeigt hier jeden Schritt, bevor er läuft</translation>
    </message>
    <message>
        <source>Nothing proposed</source>
        <translation>Nichts vorgeschlagen</translation>
    </message>
    <message>
        <source>Proposed: %1</source>
        <translation>Vorgeschlagen: %1</translation>
    </message>
    <message>
        <source>Alarm now: no allocation failure so far</source>
        <translation>Alarm jetzt: bisher kein Allokationsfehler</translation>
    </message>
    <message>
        <source>Confirmed: %1 (runs at the next sample)</source>
        <translation>Bestätigt: %1 (läuft bei der nächsten Messung)</translation>
    </message>
</context>
<context>
    <name>sis::desktop::CrashRiskPlot</name>
    <message>
        <source>last minute</source>
        <translation>letzte Minute</translation>
    </message>
</context>
<context>
    <name>sis::desktop::DashboardPanel</name>
    <message>
        <source>No samples yet.</source>
        <translation>Noch keine Messwerte.</translation>
    </message>
    <message>
        <source> Hz</source>
        <translation> Hz</translation>
    </message>
    <message>
        <source>metrics.subscribe rate (samples per second)</source>
        <translation>Rate von metrics.subscribe (Messwerte pro Sekunde)</translation>
    </message>
    <message>
        <source>last 30 s</source>
        <translation>letzte 30 s</translation>
    </message>
    <message>
        <source>last minute</source>
        <translation>letzte Minute</translation>
    </message>
    <message>
        <source>last 5 minutes</source>
        <translation>letzte 5 Minuten</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Speicher</translation>
    </message>
    <message>
        <source>MiB</source>
        <translation>MiB</translation>
    </message>
    <message>
        <source>used</source>
        <translation>belegt</translation>
    </message>
    <message>
        <source>slab</source>
        <translation>Slab</translation>
    </message>
    <message>
        <source>heap</source>
        <translation>Heap</translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation>Scheduler</translation>
    </message>
    <message>
        <source>context switches/s</source>
        <translation>Kontextwechsel/s</translation>
    </message>
    <message>
        <source>run queue length</source>
        <translation>Länge der Run-Queue</translation>
    </message>
    <message>
        <source>threads</source>
        <translation>Threads</translation>
    </message>
    <message>
        <source>Block device</source>
        <translation>Blockgerät</translation>
    </message>
    <message>
        <source>KiB/s</source>
        <translation>KiB/s</translation>
    </message>
    <message>
        <source>read</source>
        <translation>gelesen</translation>
    </message>
    <message>
        <source>written</source>
        <translation>geschrieben</translation>
    </message>
    <message>
        <source>metrics: not available in this kernel</source>
        <translation>Metriken: in diesem Kernel nicht verfügbar</translation>
    </message>
    <message>
        <source>metrics.subscribe failed: %1</source>
        <translation>metrics.subscribe fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>subscribed at %1 Hz, groups: %2</source>
        <translation>abonniert mit %1 Hz, Gruppen: %2</translation>
    </message>
    <message>
        <source>VM off. Press Start to boot the kernel.</source>
        <translation>VM aus. Start bootet den Kernel.</translation>
    </message>
    <message>
        <source>Waiting for the kernel&apos;s control port...</source>
        <translation>Warte auf den Steuerport des Kernels...</translation>
    </message>
    <message>
        <source>%1 · %2 samples, %3 Hz measured, %4 dropped%5</source>
        <translation>%1 · %2 Messwerte, %3 Hz gemessen, %4 verworfen%5</translation>
    </message>
    <message>
        <source> · no sample for %1 s</source>
        <translation> · seit %1 s kein Messwert</translation>
    </message>
    <message>
        <source>AI: crash predictor</source>
        <translation>KI: Absturzvorhersage</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>Wahrscheinlichkeit</translation>
    </message>
    <message>
        <source>risk of a crash soon</source>
        <translation>Risiko eines baldigen Absturzes</translation>
    </message>
    <message>
        <source>&amp;Rate:</source>
        <translation>&amp;Rate:</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>&amp;Zeige:</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Diagramme</translation>
    </message>
    <message>
        <source>per s / count</source>
        <translation>pro s / Anzahl</translation>
    </message>
    <message>
        <source>the model&apos;s alarm threshold</source>
        <translation>die Alarmschwelle des Modells</translation>
    </message>
    <message>
        <source>AI: inference time per model</source>
        <translation>KI: Inferenzzeit pro Modell</translation>
    </message>
    <message>
        <source>µs</source>
        <translation>µs</translation>
    </message>
    <message>
        <source>crash predictor, mean</source>
        <translation>Absturzvorhersage, Mittel</translation>
    </message>
    <message>
        <source>crash predictor, p99</source>
        <translation>Absturzvorhersage, p99</translation>
    </message>
    <message>
        <source>transformer scheduler, mean</source>
        <translation>Transformer-Scheduler, Mittel</translation>
    </message>
    <message>
        <source>transformer scheduler, p99</source>
        <translation>Transformer-Scheduler, p99</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <source>received</source>
        <translation>empfangen</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>gesendet</translation>
    </message>
    <message>
        <source>Lead time of the last crash-predictor alarm</source>
        <translation>Vorlaufzeit des letzten Alarms der Absturzvorhersage</translation>
    </message>
</context>
<context>
    <name>sis::desktop::FileListModel</name>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Bytes</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Modus</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Inode</source>
        <translation>Inode</translation>
    </message>
</context>
<context>
    <name>sis::desktop::FilesPanel</name>
    <message>
        <source>Up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Ansehen</translation>
    </message>
    <message>
        <source>New file</source>
        <translation>Neue Datei</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>Neuer Ordner</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Umbenennen</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Upload...</source>
        <translation>Hochladen...</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Files: waiting for the kernel&apos;s control port...</source>
        <translation>Dateien: warte auf den Steuerport des Kernels...</translation>
    </message>
    <message>
        <source>Files: not available in this kernel</source>
        <translation>Dateien: in diesem Kernel nicht verfügbar</translation>
    </message>
    <message>
        <source>The kernel did not announce the &quot;fs&quot; capability (fs.list, fs.read, fs.write...). Its capabilities: %1.</source>
        <translation>Der Kernel hat die Fähigkeit „fs“ (fs.list, fs.read, fs.write...) nicht angekündigt. Seine Fähigkeiten: %1.</translation>
    </message>
    <message>
        <source>Files: no disk image</source>
        <translation>Dateien: kein Datenträgerabbild</translation>
    </message>
    <message>
        <source>The VM is off and has no disk image. Choose an ext4 image in Settings to browse it offline, or start the VM.</source>
        <translation>Die VM ist aus und hat kein Datenträgerabbild. Wählen Sie in den Einstellungen ein ext4-Abbild, um es offline zu durchsuchen, oder starten Sie die VM.</translation>
    </message>
    <message>
        <source>Files: cannot read the disk image</source>
        <translation>Dateien: Datenträgerabbild nicht lesbar</translation>
    </message>
    <message>
        <source>loading...</source>
        <translation>lädt...</translation>
    </message>
    <message>
        <source>%1: done</source>
        <translation>%1: erledigt</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Listing %1...</source>
        <translation>Liste %1...</translation>
    </message>
    <message>
        <source>Cannot list %1: %2</source>
        <translation>Kann %1 nicht auflisten: %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n entries</source>
        <translation>
            <numerusform>%1: %n Eintrag</numerusform>
            <numerusform>%1: %n Einträge</numerusform>
        </translation>
    </message>
    <message>
        <source>(error: %1)</source>
        <translation>(Fehler: %1)</translation>
    </message>
    <message>
        <source>Create %1</source>
        <translation>Erstelle %1</translation>
    </message>
    <message>
        <source>Make folder %1</source>
        <translation>Ordner %1 anlegen</translation>
    </message>
    <message>
        <source>Rename %1 to %2</source>
        <translation>%1 in %2 umbenennen</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>%1 löschen</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>Hochladen</translation>
    </message>
    <message>
        <source>the disk image is browsed read-only while the VM is off: start the VM to change files</source>
        <translation>das Datenträgerabbild ist nur lesbar, solange die VM aus ist: starten Sie die VM, um Dateien zu ändern</translation>
    </message>
    <message>
        <source>Upload %1 to %2</source>
        <translation>%1 nach %2 hochladen</translation>
    </message>
    <message>
        <source>not a regular file (folders are not uploaded)</source>
        <translation>keine reguläre Datei (Ordner werden nicht hochgeladen)</translation>
    </message>
    <message>
        <source>larger than %1 MiB</source>
        <translation>größer als %1 MiB</translation>
    </message>
    <message>
        <source>Uploading: %1 of %2 bytes</source>
        <translation>Hochladen: %1 von %2 Bytes</translation>
    </message>
    <message>
        <source>Read %1</source>
        <translation>%1 lesen</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 Bytes</translation>
    </message>
    <message>
        <source>, first %1 shown</source>
        <translation>, die ersten %1 angezeigt</translation>
    </message>
    <message>
        <source>, binary: hex dump</source>
        <translation>, binär: Hex-Dump</translation>
    </message>
    <message>
        <source>Name in %1:</source>
        <translation>Name in %1:</translation>
    </message>
    <message>
        <source>Contents (may be empty):</source>
        <translation>Inhalt (darf leer sein):</translation>
    </message>
    <message>
        <source>New name (or absolute path):</source>
        <translation>Neuer Name (oder absoluter Pfad):</translation>
    </message>
    <message>
        <source>Delete the folder %1 and everything in it?</source>
        <translation>Den Ordner %1 mit allem Inhalt löschen?</translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation>%1 löschen?</translation>
    </message>
    <message>
        <source>Upload files to %1</source>
        <translation>Dateien nach %1 hochladen</translation>
    </message>
    <message>
        <source>Write and crash...</source>
        <translation>Schreiben und abstürzen...</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Files in the folder</source>
        <translation>Dateien im Ordner</translation>
    </message>
    <message>
        <source>Write a file and cut the power at a chosen point of the journal&apos;s work; after the reboot, see what survived and why</source>
        <translation>Eine Datei schreiben und an einem gewählten Punkt der Journal-Arbeit den Strom kappen; nach dem Neustart sehen, was überlebt hat und warum</translation>
    </message>
    <message>
        <source>Needs the running VM with a kernel that offers crash.inject and fs.*</source>
        <translation>Braucht die laufende VM mit einem Kernel, der crash.inject und fs.* anbietet</translation>
    </message>
    <message>
        <source>Write and crash</source>
        <translation>Schreiben und abstürzen</translation>
    </message>
    <message>
        <source>Write and crash %1 (%2)</source>
        <translation>%1 schreiben und abstürzen (%2)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>After the crash</source>
        <translation>Nach dem Absturz</translation>
    </message>
</context>
<context>
    <name>sis::desktop::FlameGraphWidget</name>
    <message>
        <source>Flame graph</source>
        <translation>Flammendiagramm</translation>
    </message>
    <message>
        <source>Each frame is as wide as its share of the samples; Escape shows all frames again. The Functions table lists the same frames.</source>
        <translation>Jeder Rahmen ist so breit wie sein Anteil an den Messwerten; Escape zeigt wieder alle Rahmen. Die Tabelle Funktionen listet dieselben Rahmen.</translation>
    </message>
    <message>
        <source>%1
%2 samples (%3 of all)</source>
        <translation>%1
%2 Messwerte (%3 von allen)</translation>
    </message>
    <message>
        <source>, %1 of the zoomed frame</source>
        <translation>, %1 des vergrößerten Rahmens</translation>
    </message>
    <message>
        <source>
self: %1 samples (%2)</source>
        <translation>
selbst: %1 Messwerte (%2)</translation>
    </message>
    <message>
        <source> samples</source>
        <translation> Messwerte</translation>
    </message>
    <message>
        <source>, share %1%2 points</source>
        <translation>, Anteil %1%2 Punkte</translation>
    </message>
    <message>
        <source>%1
before: %2 samples (%3)
after: %4 samples (%5)
change: %6</source>
        <translation>%1
vorher: %2 Messwerte (%3)
nachher: %4 Messwerte (%5)
Änderung: %6</translation>
    </message>
    <message>
        <source>
(matches the search)</source>
        <translation>
(passt zur Suche)</translation>
    </message>
    <message>
        <source>No profile yet: load a folded file or profile the VM.</source>
        <translation>Noch kein Profil: laden Sie eine Folded-Datei oder profilieren Sie die VM.</translation>
    </message>
    <message>
        <source>SIS flame graph</source>
        <translation>SIS-Flammendiagramm</translation>
    </message>
    <message>
        <source>%1 samples</source>
        <translation>%1 Messwerte</translation>
    </message>
    <message>
        <source>unknown image format &apos;%1&apos; (use .png or .svg)</source>
        <translation>unbekanntes Bildformat &apos;%1&apos; (.png oder .svg verwenden)</translation>
    </message>
    <message>
        <source>could not write %1</source>
        <translation>konnte %1 nicht schreiben</translation>
    </message>
</context>
<context>
    <name>sis::desktop::HostPowerMeter</name>
    <message>
        <source>the VM is off</source>
        <translation>die VM ist aus</translation>
    </message>
</context>
<context>
    <name>sis::desktop::ImageFs</name>
    <message>
        <source>offline: disk image %1 (%2), read-only while the VM is off</source>
        <translation>offline: Datenträgerabbild %1 (%2), nur lesbar, solange die VM aus ist</translation>
    </message>
    <message>
        <source>the disk image is browsed read-only while the VM is off: start the VM to change files</source>
        <translation>das Datenträgerabbild ist nur lesbar, solange die VM aus ist: starten Sie die VM, um Dateien zu ändern</translation>
    </message>
</context>
<context>
    <name>sis::desktop::LlmPanel</name>
    <message>
        <source>Language model</source>
        <translation>Sprachmodell</translation>
    </message>
    <message>
        <source>Waiting for the kernel&apos;s control port...</source>
        <translation>Warte auf den Steuerport des Kernels...</translation>
    </message>
    <message>
        <source>Language model: not available in this kernel</source>
        <translation>Sprachmodell: in diesem Kernel nicht verfügbar</translation>
    </message>
    <message>
        <source>Run: %1</source>
        <translation>Ausführen: %1</translation>
    </message>
    <message>
        <source>Run in the kernel shell</source>
        <translation>In der Kernel-Shell ausführen</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Copy answer</source>
        <translation>Antwort kopieren</translation>
    </message>
    <message>
        <source>Ask about SIS or describe a problem, e.g. &quot;The disk is almost full and writes fail&quot;</source>
        <translation>Fragen Sie zu SIS oder beschreiben Sie ein Problem, z. B. „Die Festplatte ist fast voll und Schreibvorgänge schlagen fehl“</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Frage</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>Fragen</translation>
    </message>
    <message>
        <source>The kernel answers from its documentation and help texts (cited), suggests a command and shows the live state it looked at. Nothing runs unless you click and confirm.</source>
        <translation>Der Kernel antwortet aus seiner Dokumentation und seinen Hilfetexten (mit Quellen), schlägt einen Befehl vor und zeigt den Live-Zustand, den er betrachtet hat. Nichts läuft, ohne dass Sie klicken und bestätigen.</translation>
    </message>
    <message>
        <source>Live state the kernel looked at:</source>
        <translation>Live-Zustand, den der Kernel betrachtet hat:</translation>
    </message>
    <message>
        <source>Live state</source>
        <translation>Live-Zustand</translation>
    </message>
    <message>
        <source>Start the VM to ask the kernel.</source>
        <translation>Starten Sie die VM, um den Kernel zu fragen.</translation>
    </message>
    <message>
        <source>The kernel did not announce the &quot;llm&quot; capability (llm.ask). Its capabilities: %1.</source>
        <translation>Der Kernel hat die Fähigkeit „llm“ (llm.ask) nicht angekündigt. Seine Fähigkeiten: %1.</translation>
    </message>
    <message>
        <source>The answer suggests this command. Exactly this line will be run in the kernel shell (Console tab):

%1</source>
        <translation>Die Antwort schlägt diesen Befehl vor. Genau diese Zeile wird in der Kernel-Shell ausgeführt (Reiter Konsole):

%1</translation>
    </message>
    <message>
        <source>Suggested command:</source>
        <translation>Vorgeschlagener Befehl:</translation>
    </message>
    <message>
        <source>Sources (click to read):</source>
        <translation>Quellen (zum Lesen anklicken):</translation>
    </message>
    <message>
        <source>asking the kernel...</source>
        <translation>frage den Kernel...</translation>
    </message>
    <message>
        <source>llm.ask failed: %1</source>
        <translation>llm.ask fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>answered in %1 ms from %2 cited passages</source>
        <translation>in %1 ms aus %2 zitierten Abschnitten beantwortet</translation>
    </message>
    <message>
        <source>Chosen for reports like:</source>
        <translation>Gewählt für Meldungen wie:</translation>
    </message>
    <message>
        <source>Command to complete</source>
        <translation>Zu vervollständigender Befehl</translation>
    </message>
    <message>
        <source>Replace the upper-case words with your values and drop the [optional] parts you do not want.</source>
        <translation>Ersetzen Sie die großgeschriebenen Wörter durch Ihre Werte und lassen Sie die [optionalen] Teile weg, die Sie nicht brauchen.</translation>
    </message>
    <message>
        <source>Run...</source>
        <translation>Ausführen...</translation>
    </message>
    <message>
        <source>Command to complete with your values:</source>
        <translation>Mit Ihren Werten zu vervollständigender Befehl:</translation>
    </message>
</context>
<context>
    <name>sis::desktop::LogPanel</name>
    <message>
        <source>Filter (text, level or source)</source>
        <translation>Filter (Text, Stufe oder Quelle)</translation>
    </message>
    <message>
        <source>Save...</source>
        <translation>Speichern...</translation>
    </message>
    <message>
        <source>Save log</source>
        <translation>Protokoll speichern</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
    <message>
        <source>Filter the log</source>
        <translation>Protokoll filtern</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
</context>
<context>
    <name>sis::desktop::MainWindow</name>
    <message>
        <source>SIS Control Center</source>
        <translation>SIS Control Center</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Konsole</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Crash lab</source>
        <translation>Absturzlabor</translation>
    </message>
    <message>
        <source>Language model</source>
        <translation>Sprachmodell</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Prozesse</translation>
    </message>
    <message>
        <source>Traces</source>
        <translation>Traces</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>%1 samples</source>
        <translation>%1 Messwerte</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Boot the kernel in QEMU</source>
        <translation>Den Kernel in QEMU booten</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Stop or resume the virtual CPUs (QMP stop/cont)</source>
        <translation>Die virtuellen CPUs anhalten oder fortsetzen (QMP stop/cont)</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Reset the machine: the kernel reboots (QMP system_reset)</source>
        <translation>Die Maschine zurücksetzen: der Kernel startet neu (QMP system_reset)</translation>
    </message>
    <message>
        <source>Power off</source>
        <translation>Ausschalten</translation>
    </message>
    <message>
        <source>Sync the file system and quit QEMU</source>
        <translation>Dateisystem synchronisieren und QEMU beenden</translation>
    </message>
    <message>
        <source>Force stop</source>
        <translation>Erzwungen stoppen</translation>
    </message>
    <message>
        <source>Kill QEMU at once (no sync)</source>
        <translation>QEMU sofort beenden (ohne Sync)</translation>
    </message>
    <message>
        <source>VM</source>
        <translation>VM</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Settings...</source>
        <translation>&amp;Einstellungen...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;VM</source>
        <translation>&amp;VM</translation>
    </message>
    <message>
        <source>V&amp;iew</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation>Anordnung zurücksetzen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About SIS Control Center</source>
        <translation>&amp;Über SIS Control Center</translation>
    </message>
    <message>
        <source>About SIS Control Center</source>
        <translation>Über SIS Control Center</translation>
    </message>
    <message>
        <source>&lt;b&gt;SIS Control Center&lt;/b&gt; %1&lt;br&gt;Boots the SIS kernel in QEMU and shows it live: metrics, console, files, crash lab.&lt;br&gt;QEMU over QMP, the kernel over its control port (protocol v1).</source>
        <translation>&lt;b&gt;SIS Control Center&lt;/b&gt; %1&lt;br&gt;Bootet den SIS-Kernel in QEMU und zeigt ihn live: Metriken, Konsole, Dateien, Absturzlabor.&lt;br&gt;QEMU über QMP, den Kernel über seinen Steuerport (Protokoll v1).</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>VM: %1</source>
        <translation>VM: %1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Control port: -</source>
        <translation>Steuerport: -</translation>
    </message>
    <message>
        <source>Control port: %1 %2, capabilities: %3</source>
        <translation>Steuerport: %1 %2, Fähigkeiten: %3</translation>
    </message>
    <message>
        <source>Control port: waiting for the kernel...</source>
        <translation>Steuerport: warte auf den Kernel...</translation>
    </message>
    <message>
        <source>cannot start the VM: %1</source>
        <translation>VM kann nicht starten: %1</translation>
    </message>
    <message>
        <source>Cannot start the VM: %1</source>
        <translation>VM kann nicht starten: %1</translation>
    </message>
    <message>
        <source>settings saved</source>
        <translation>Einstellungen gespeichert</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>&amp;Go to</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>Profiler</source>
        <translation>Profiler</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Willkommen</translation>
    </message>
    <message>
        <source>SIS Control Center — VM on %1</source>
        <translation>SIS Control Center — VM auf %1</translation>
    </message>
    <message>
        <source>Host: %1 (SSH)</source>
        <translation>Host: %1 (SSH)</translation>
    </message>
    <message>
        <source>Host: this computer</source>
        <translation>Host: dieser Computer</translation>
    </message>
    <message>
        <source>Host: %1 — SSH connection lost, reconnecting...</source>
        <translation>Host: %1 — SSH-Verbindung verloren, verbinde neu...</translation>
    </message>
    <message>
        <source>Host: %1 — connecting...</source>
        <translation>Host: %1 — verbinde...</translation>
    </message>
    <message>
        <source>The VM runs on %1; this window reaches it over one SSH connection. If the connection drops, the VM keeps running there and the window reconnects.</source>
        <translation>Die VM läuft auf %1; dieses Fenster erreicht sie über eine SSH-Verbindung. Bricht die Verbindung ab, läuft die VM dort weiter und das Fenster verbindet sich neu.</translation>
    </message>
    <message>
        <source>The VM runs on this computer.</source>
        <translation>Die VM läuft auf diesem Computer.</translation>
    </message>
    <message>
        <source>cannot start the VM on %1: %2</source>
        <translation>die VM auf %1 kann nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>Cannot start the VM on %1: %2</source>
        <translation>Die VM auf %1 kann nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>Host key changed</source>
        <translation>Host-Schlüssel geändert</translation>
    </message>
    <message>
        <source>The host key of %1 has changed. The VM was not started.</source>
        <translation>Der Host-Schlüssel von %1 hat sich geändert. Die VM wurde nicht gestartet.</translation>
    </message>
</context>
<context>
    <name>sis::desktop::PowerControls</name>
    <message>
        <source>&amp;Budget:</source>
        <translation>&amp;Budget:</translation>
    </message>
    <message>
        <source> W</source>
        <translation> W</translation>
    </message>
    <message>
        <source>Power budget in watts</source>
        <translation>Leistungsbudget in Watt</translation>
    </message>
    <message>
        <source>Set budget</source>
        <translation>Budget setzen</translation>
    </message>
    <message>
        <source>The kernel keeps its power under this budget: idle injection and lower priority for the threads that cost the most (powerctl set-budget)</source>
        <translation>Der Kernel hält seine Leistung unter diesem Budget: eingeschobene Leerlaufzeit und niedrigere Priorität für die teuersten Threads (powerctl set-budget)</translation>
    </message>
    <message>
        <source>Clear budget</source>
        <translation>Budget aufheben</translation>
    </message>
    <message>
        <source>Normal scheduling again (powerctl set-budget off)</source>
        <translation>Wieder normales Scheduling (powerctl set-budget off)</translation>
    </message>
    <message>
        <source>Calibrate</source>
        <translation>Kalibrieren</translation>
    </message>
    <message>
        <source>Fits the kernel&apos;s power model to the host reading: idle, CPU, memory and half-duty phases of %1 s each (powerctl calibrate)</source>
        <translation>Passt das Leistungsmodell des Kernels an die Messung des Hosts an: Leerlauf-, CPU-, Speicher- und Halblast-Phasen von je %1 s (powerctl calibrate)</translation>
    </message>
    <message>
        <source>power: not available in this kernel</source>
        <translation>Leistung: in diesem Kernel nicht verfügbar</translation>
    </message>
    <message>
        <source>Set budget failed: %1</source>
        <translation>Budget setzen fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Budget %1 W set: the kernel injects idle time above it.</source>
        <translation>Budget %1 W gesetzt: darüber schiebt der Kernel Leerlaufzeit ein.</translation>
    </message>
    <message>
        <source>Clear budget failed: %1</source>
        <translation>Budget aufheben fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Budget cleared: normal scheduling.</source>
        <translation>Budget aufgehoben: normales Scheduling.</translation>
    </message>
    <message>
        <source>Calibration did not start: %1</source>
        <translation>Kalibrierung startete nicht: %1</translation>
    </message>
    <message>
        <source>Calibrating: settle...</source>
        <translation>Kalibriere: Einschwingen...</translation>
    </message>
    <message>
        <source>Calibrated: P = %1 W + %2 W x utilisation (rms %3 mW). %4</source>
        <translation>Kalibriert: P = %1 W + %2 W x Auslastung (RMS %3 mW). %4</translation>
    </message>
    <message>
        <source>Calibration failed: %1</source>
        <translation>Kalibrierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Calibrating: phase %1</source>
        <translation>Kalibriere: Phase %1</translation>
    </message>
</context>
<context>
    <name>sis::desktop::PowerPlot</name>
    <message>
        <source>time since start (s)</source>
        <translation>Zeit seit Start (s)</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <source>Follow live</source>
        <translation>Live folgen</translation>
    </message>
    <message>
        <source>Wheel: zoom, drag: pan. Follow live returns to the moving window.</source>
        <translation>Mausrad: Zoom, Ziehen: Verschieben. Live folgen kehrt zum mitlaufenden Fenster zurück.</translation>
    </message>
    <message>
        <source>Start the VM to see live data.</source>
        <translation>Starten Sie die VM für Live-Daten.</translation>
    </message>
    <message>
        <source>Power: not available in this kernel</source>
        <translation>Leistung: in diesem Kernel nicht verfügbar</translation>
    </message>
    <message>
        <source>SIS power graph</source>
        <translation>SIS-Leistungsgraph</translation>
    </message>
    <message>
        <source>power (W)</source>
        <translation>Leistung (W)</translation>
    </message>
    <message>
        <source>kernel estimate (model)</source>
        <translation>Schätzung des Kernels (Modell)</translation>
    </message>
    <message>
        <source>budget (off)</source>
        <translation>Budget (aus)</translation>
    </message>
    <message>
        <source>Estimate: no sample yet</source>
        <translation>Schätzung: noch kein Messwert</translation>
    </message>
    <message>
        <source>host: QEMU&apos;s share of measured energy (%1)</source>
        <translation>Host: QEMUs Anteil an der gemessenen Energie (%1)</translation>
    </message>
    <message>
        <source>host CPU-time model (%1 W per busy core)</source>
        <translation>Host-CPU-Zeit-Modell (%1 W pro belegtem Kern)</translation>
    </message>
    <message>
        <source>host meter (as the kernel received it)</source>
        <translation>Host-Messgerät (wie der Kernel es empfing)</translation>
    </message>
    <message>
        <source>host reading (none yet)</source>
        <translation>Messung des Hosts (noch keine)</translation>
    </message>
    <message>
        <source>No energy counters on this host (RAPL, amd_energy): the host line is
QEMU&apos;s CPU time x %1 W per core, a model, not a measurement.</source>
        <translation>Keine Energiezähler auf diesem Host (RAPL, amd_energy): die Host-Linie ist
QEMUs CPU-Zeit x %1 W pro Kern, ein Modell, keine Messung.</translation>
    </message>
    <message>
        <source>No host reading yet (the app reads the host while the VM runs).</source>
        <translation>Noch keine Messung des Hosts (die App misst den Host, während die VM läuft).</translation>
    </message>
    <message>
        <source>The kernel&apos;s metrics samples have no &quot;power&quot; group. Nothing is drawn rather than made-up numbers.</source>
        <translation>Die Metrik-Messwerte des Kernels haben keine Gruppe „power“. Lieber nichts zeichnen als erfundene Zahlen.</translation>
    </message>
    <message>
        <source>host reading</source>
        <translation>Messung des Hosts</translation>
    </message>
    <message>
        <source>budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Estimate %1</source>
        <translation>Schätzung %1</translation>
    </message>
    <message>
        <source>host: no reading yet</source>
        <translation>Host: noch keine Messung</translation>
    </message>
    <message>
        <source>host %1</source>
        <translation>Host %1</translation>
    </message>
    <message>
        <source>budget off</source>
        <translation>Budget aus</translation>
    </message>
    <message>
        <source>budget %1</source>
        <translation>Budget %1</translation>
    </message>
</context>
<context>
    <name>sis::desktop::ProcessesPanel</name>
    <message>
        <source>Processes</source>
        <translation>Prozesse</translation>
    </message>
    <message>
        <source>No shell.exec (capability &quot;shell&quot;).</source>
        <translation>Kein shell.exec (Fähigkeit „shell“).</translation>
    </message>
    <message>
        <source>ps --json failed: %1</source>
        <translation>ps --json fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The kernel has no `ps` command yet.</source>
        <translation>Der Kernel hat noch keinen Befehl `ps`.</translation>
    </message>
    <message>
        <source>`ps --json` gave no JSON (status %1).</source>
        <translation>`ps --json` lieferte kein JSON (Status %1).</translation>
    </message>
    <message numerus="yes">
        <source>%n threads</source>
        <translation>
            <numerusform>%n Thread</numerusform>
            <numerusform>%n Threads</numerusform>
        </translation>
    </message>
    <message>
        <source>User processes</source>
        <translation>Benutzerprozesse</translation>
    </message>
    <message>
        <source>PID</source>
        <translation>PID</translation>
    </message>
    <message>
        <source>PPID</source>
        <translation>PPID</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>RSS (KiB)</source>
        <translation>RSS (KiB)</translation>
    </message>
    <message>
        <source>CPU (s)</source>
        <translation>CPU (s)</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>Befehlszeile</translation>
    </message>
    <message>
        <source>&amp;Signal:</source>
        <translation>&amp;Signal:</translation>
    </message>
    <message>
        <source>Kill</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Send the signal to the selected process (proc.kill)</source>
        <translation>Das Signal an den gewählten Prozess senden (proc.kill)</translation>
    </message>
    <message>
        <source>ls -l /etc    or    /bin/busybox sh -c &apos;echo hi | wc -c&apos;   (no shell unless you run sh; a first word without / runs /bin/WORD)</source>
        <translation>ls -l /etc    oder    /bin/busybox sh -c &apos;echo hi | wc -c&apos;   (keine Shell, außer Sie starten sh; ein erstes Wort ohne / startet /bin/WORT)</translation>
    </message>
    <message>
        <source>Command line to run</source>
        <translation>Auszuführende Befehlszeile</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>The program&apos;s stdout and stderr (red) appear here while it runs, then its exit status.</source>
        <translation>Stdout und stderr (rot) des Programms erscheinen hier, während es läuft, danach sein Exit-Status.</translation>
    </message>
    <message>
        <source>Program output</source>
        <translation>Programmausgabe</translation>
    </message>
    <message>
        <source>Kernel threads</source>
        <translation>Kernel-Threads</translation>
    </message>
    <message>
        <source>Start the VM to see its processes and the kernel&apos;s threads.</source>
        <translation>Starten Sie die VM, um ihre Prozesse und die Threads des Kernels zu sehen.</translation>
    </message>
    <message>
        <source>User processes: not available in this kernel</source>
        <translation>Benutzerprozesse: in diesem Kernel nicht verfügbar</translation>
    </message>
    <message>
        <source>No proc.* methods (capability &quot;proc&quot;).</source>
        <translation>Keine proc.*-Methoden (Fähigkeit „proc“).</translation>
    </message>
    <message>
        <source>proc.list failed: %1</source>
        <translation>proc.list fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>%n process(es)</source>
        <translation>
            <numerusform>%n Prozess</numerusform>
            <numerusform>%n Prozesse</numerusform>
        </translation>
    </message>
    <message>
        <source>  ·  user pages in use: %1 (%2 shared copy-on-write)</source>
        <translation>  ·  belegte Benutzerseiten: %1 (%2 per Copy-on-Write geteilt)</translation>
    </message>
    <message>
        <source>Kernel threads: not available in this kernel</source>
        <translation>Kernel-Threads: in diesem Kernel nicht verfügbar</translation>
    </message>
    <message>
        <source>Not run: %1</source>
        <translation>Nicht ausgeführt: %1</translation>
    </message>
    <message>
        <source>Starting %1...</source>
        <translation>Starte %1...</translation>
    </message>
    <message>
        <source>pid %1 running: %2</source>
        <translation>PID %1 läuft: %2</translation>
    </message>
    <message>
        <source>
[%1 bytes of %2 lost on the control port]
</source>
        <translation>
[%1 Bytes von %2 auf dem Steuerport verloren]
</translation>
    </message>
    <message>
        <source>killed by %1</source>
        <translation>beendet durch %1</translation>
    </message>
    <message>
        <source>exited with status %1</source>
        <translation>mit Status %1 beendet</translation>
    </message>
    <message>
        <source>pid %1 %2 (CPU %3 s, peak RSS %4 KiB)</source>
        <translation>PID %1 %2 (CPU %3 s, RSS-Spitze %4 KiB)</translation>
    </message>
    <message>
        <source>[could not run: %1]
</source>
        <translation>[konnte nicht ausgeführt werden: %1]
</translation>
    </message>
    <message>
        <source>sent %1 to %2</source>
        <translation>%1 an %2 gesendet</translation>
    </message>
    <message>
        <source>kill %1: %2</source>
        <translation>kill %1: %2</translation>
    </message>
</context>
<context>
    <name>sis::desktop::ProfilerPanel</name>
    <message>
        <source>The control port went away; the profile was lost.</source>
        <translation>Der Steuerport ist weg; das Profil ist verloren.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Start sampling the kernel (prof.start)</source>
        <translation>Das Abtasten des Kernels starten (prof.start)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stopp</translation>
    </message>
    <message>
        <source>Stop sampling and draw the profile (prof.stop, prof.folded)</source>
        <translation>Abtasten beenden und das Profil zeichnen (prof.stop, prof.folded)</translation>
    </message>
    <message>
        <source> Hz</source>
        <translation> Hz</translation>
    </message>
    <message>
        <source>Samples per second (1..10000)</source>
        <translation>Messwerte pro Sekunde (1..10000)</translation>
    </message>
    <message>
        <source>&amp;Rate:</source>
        <translation>&amp;Rate:</translation>
    </message>
    <message>
        <source>Sa&amp;mple:</source>
        <translation>&amp;Abtasten:</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Alles</translation>
    </message>
    <message>
        <source>Kernel only</source>
        <translation>Nur den Kernel</translation>
    </message>
    <message>
        <source>One process:</source>
        <translation>Einen Prozess:</translation>
    </message>
    <message>
        <source>pid </source>
        <translation>PID </translation>
    </message>
    <message>
        <source>Process id to sample</source>
        <translation>Abzutastende Prozess-ID</translation>
    </message>
    <message>
        <source>Load folded file...</source>
        <translation>Folded-Datei laden...</translation>
    </message>
    <message>
        <source>Compare with before...</source>
        <translation>Mit Vorher vergleichen...</translation>
    </message>
    <message>
        <source>Load a folded file as the &quot;before&quot; profile and show the difference</source>
        <translation>Eine Folded-Datei als „Vorher“-Profil laden und den Unterschied zeigen</translation>
    </message>
    <message>
        <source>Keep as before</source>
        <translation>Als Vorher behalten</translation>
    </message>
    <message>
        <source>Remember this profile as &quot;before&quot;: profile again after a change and compare</source>
        <translation>Dieses Profil als „Vorher“ merken: nach einer Änderung erneut profilieren und vergleichen</translation>
    </message>
    <message>
        <source>&amp;View:</source>
        <translation>A&amp;nsicht:</translation>
    </message>
    <message>
        <source>Flame graph</source>
        <translation>Flammendiagramm</translation>
    </message>
    <message>
        <source>Differential (before → after)</source>
        <translation>Differenz (vorher → nachher)</translation>
    </message>
    <message>
        <source>Normalize</source>
        <translation>Normieren</translation>
    </message>
    <message>
        <source>Compare each frame&apos;s share of its profile instead of its samples (for runs of different length or rate)</source>
        <translation>Den Anteil jedes Rahmens an seinem Profil vergleichen statt seiner Messwerte (für Läufe unterschiedlicher Länge oder Rate)</translation>
    </message>
    <message>
        <source>Save image...</source>
        <translation>Bild speichern...</translation>
    </message>
    <message>
        <source>Sear&amp;ch:</source>
        <translation>Su&amp;che:</translation>
    </message>
    <message>
        <source>Search frames (e.g. ext4, memcpy)</source>
        <translation>Rahmen suchen (z. B. ext4, memcpy)</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>Zoom zurücksetzen</translation>
    </message>
    <message>
        <source>Show all frames again (or right-click the graph, or Escape)</source>
        <translation>Wieder alle Rahmen zeigen (oder Rechtsklick ins Diagramm, oder Escape)</translation>
    </message>
    <message>
        <source>Flame graph area</source>
        <translation>Bereich des Flammendiagramms</translation>
    </message>
    <message>
        <source>Functions by samples in the function itself (self) and below it (total); double-click or Enter to search</source>
        <translation>Funktionen nach Messwerten in der Funktion selbst (selbst) und darunter (gesamt); Doppelklick oder Enter sucht</translation>
    </message>
    <message>
        <source>Functions</source>
        <translation>Funktionen</translation>
    </message>
    <message>
        <source>Self</source>
        <translation>Selbst</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Gesamt</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Funktion</translation>
    </message>
    <message>
        <source>No profile yet. Profile the VM (Start, run a workload, Stop) or load a folded file (sisctl prof folded, tools/profile_kernel.sh).</source>
        <translation>Noch kein Profil. Profilieren Sie die VM (Start, Last laufen lassen, Stopp) oder laden Sie eine Folded-Datei (sisctl prof folded, tools/profile_kernel.sh).</translation>
    </message>
    <message>
        <source>Waiting for the kernel&apos;s control port...</source>
        <translation>Warte auf den Steuerport des Kernels...</translation>
    </message>
    <message>
        <source>VM off: start the VM to profile it, or load a folded file.</source>
        <translation>VM aus: starten Sie die VM, um sie zu profilieren, oder laden Sie eine Folded-Datei.</translation>
    </message>
    <message>
        <source>Live profiling: not available in this kernel (no prof.* methods, capability &quot;prof&quot;). Load a folded file to view one.</source>
        <translation>Live-Profiling: in diesem Kernel nicht verfügbar (keine prof.*-Methoden, Fähigkeit „prof“). Laden Sie eine Folded-Datei, um eine anzusehen.</translation>
    </message>
    <message>
        <source>Ready: Start, run a workload (Console), Stop.</source>
        <translation>Bereit: Start, Last laufen lassen (Konsole), Stopp.</translation>
    </message>
    <message>
        <source>Starting...</source>
        <translation>Startet...</translation>
    </message>
    <message>
        <source>A profile is already running (started elsewhere); Stop ends it and draws it.</source>
        <translation>Ein Profil läuft bereits (anderswo gestartet); Stopp beendet und zeichnet es.</translation>
    </message>
    <message>
        <source>%1 Hz, %2 sampling</source>
        <translation>%1 Hz, Abtastung: %2</translation>
    </message>
    <message>
        <source>Profiling at %1. Run a workload, then Stop.</source>
        <translation>Profiliere mit %1. Lassen Sie eine Last laufen, dann Stopp.</translation>
    </message>
    <message>
        <source>Stopping...</source>
        <translation>Stoppt...</translation>
    </message>
    <message>
        <source>%1 samples, %2 dropped, %3 s%4</source>
        <translation>%1 Messwerte, %2 verworfen, %3 s%4</translation>
    </message>
    <message>
        <source>, profiler cost %1% of the time</source>
        <translation>, Kosten des Profilers %1% der Zeit</translation>
    </message>
    <message>
        <source>Stopped (%1). Fetching the folded stacks...</source>
        <translation>Gestoppt (%1). Hole die Folded-Stacks...</translation>
    </message>
    <message>
        <source>prof.folded: inconsistent chunk at offset %1 (next %2, total %3)</source>
        <translation>prof.folded: inkonsistenter Block bei Offset %1 (nächster %2, gesamt %3)</translation>
    </message>
    <message>
        <source>prof.folded: more than %1 MiB of folded stacks</source>
        <translation>prof.folded: mehr als %1 MiB Folded-Stacks</translation>
    </message>
    <message>
        <source>the VM (%1)</source>
        <translation>der VM (%1)</translation>
    </message>
    <message>
        <source>The kernel&apos;s folded stacks are not valid: %1</source>
        <translation>Die Folded-Stacks des Kernels sind ungültig: %1</translation>
    </message>
    <message>
        <source>Profile drawn: %1. Start again for another.</source>
        <translation>Profil gezeichnet: %1. Erneut Start für ein weiteres.</translation>
    </message>
    <message>
        <source>%1: line %2: %3</source>
        <translation>%1: Zeile %2: %3</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Kann %1 nicht öffnen: %2</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MiB</source>
        <translation>%1 ist größer als %2 MiB</translation>
    </message>
    <message>
        <source>too large</source>
        <translation>zu groß</translation>
    </message>
    <message>
        <source>  ·  kept as &quot;before&quot;: profile again and choose the Differential view.</source>
        <translation>  ·  als „Vorher“ behalten: erneut profilieren und die Differenz-Ansicht wählen.</translation>
    </message>
    <message>
        <source>Differential: before = %1 (%2 samples), after = %3 (%4 samples). Widths are the after profile; %5</source>
        <translation>Differenz: vorher = %1 (%2 Messwerte), nachher = %3 (%4 Messwerte). Die Breiten zeigen das Nachher-Profil; %5</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keins</translation>
    </message>
    <message>
        <source>red frames take a larger share of the samples than before, blue a smaller one.</source>
        <translation>rote Rahmen haben einen größeren Anteil an den Messwerten als vorher, blaue einen kleineren.</translation>
    </message>
    <message>
        <source>red frames have more samples than before, blue fewer, white the same.</source>
        <translation>rote Rahmen haben mehr Messwerte als vorher, blaue weniger, weiße gleich viele.</translation>
    </message>
    <message>
        <source>%1 samples in %2 distinct stacks, from %3. Click a frame to zoom, hover for counts.</source>
        <translation>%1 Messwerte in %2 verschiedenen Stacks, aus %3. Klick auf einen Rahmen vergrößert, Überfahren zeigt Zahlen.</translation>
    </message>
    <message>
        <source>Self %</source>
        <translation>Selbst %</translation>
    </message>
    <message>
        <source>Total %</source>
        <translation>Gesamt %</translation>
    </message>
    <message>
        <source>no match</source>
        <translation>kein Treffer</translation>
    </message>
    <message>
        <source>Matched: %1 (%2 of %3 samples)</source>
        <translation>Treffer: %1 (%2 von %3 Messwerten)</translation>
    </message>
    <message>
        <source>Showing all frames.</source>
        <translation>Alle Rahmen werden gezeigt.</translation>
    </message>
    <message>
        <source>Zoomed: %1  (%2 samples, %3; Reset zoom or right-click to go back)</source>
        <translation>Vergrößert: %1  (%2 Messwerte, %3; Zoom zurücksetzen oder Rechtsklick führt zurück)</translation>
    </message>
    <message>
        <source>Load folded stacks</source>
        <translation>Folded-Stacks laden</translation>
    </message>
    <message>
        <source>Folded stacks (*.folded *.txt);;All files (*)</source>
        <translation>Folded-Stacks (*.folded *.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Load the &quot;before&quot; profile</source>
        <translation>Das „Vorher“-Profil laden</translation>
    </message>
    <message>
        <source>Save flame graph</source>
        <translation>Flammendiagramm speichern</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>PNG-Bild (*.png);;SVG-Zeichnung (*.svg)</translation>
    </message>
    <message>
        <source>Save image</source>
        <translation>Bild speichern</translation>
    </message>
</context>
<context>
    <name>sis::desktop::RemoteFs</name>
    <message>
        <source>live: the guest&apos;s file system over the control port (kernel %1)</source>
        <translation>live: das Dateisystem des Gasts über den Steuerport (Kernel %1)</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>cancelled after %1 of %2 bytes</source>
        <translation>abgebrochen nach %1 von %2 Bytes</translation>
    </message>
</context>
<context>
    <name>sis::desktop::RemoteHostCheck</name>
    <message>
        <source>No remote host is set.</source>
        <translation>Es ist kein entfernter Rechner eingestellt.</translation>
    </message>
    <message>
        <source>Connected to %1, but it has no QEMU (Debian: apt-get install qemu-system-arm).</source>
        <translation>Mit %1 verbunden, aber dort gibt es kein QEMU (Debian: apt-get install qemu-system-arm).</translation>
    </message>
    <message>
        <source>Connected to %1; QEMU: %2</source>
        <translation>Mit %1 verbunden; QEMU: %2</translation>
    </message>
    <message>
        <source>Unknown host key</source>
        <translation>Unbekannter Host-Schlüssel</translation>
    </message>
    <message>
        <source>SIS has never connected to %1 before.</source>
        <translation>SIS hat sich noch nie mit %1 verbunden.</translation>
    </message>
    <message>
        <source>Compare this key with the one the host&apos;s administrator gives you before trusting it:

%1</source>
        <translation>Vergleichen Sie diesen Schlüssel mit dem, den Ihnen der Administrator des Rechners nennt, bevor Sie ihm vertrauen:

%1</translation>
    </message>
    <message>
        <source>Trust this host</source>
        <translation>Diesem Rechner vertrauen</translation>
    </message>
</context>
<context>
    <name>sis::desktop::RemoteHostChooser</name>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Host:</translation>
    </message>
    <message>
        <source>Where the VM runs</source>
        <translation>Wo die VM läuft</translation>
    </message>
    <message>
        <source>This computer (QEMU, TCG)</source>
        <translation>Dieser Computer (QEMU, TCG)</translation>
    </message>
    <message>
        <source>%1 (over SSH)</source>
        <translation>%1 (über SSH)</translation>
    </message>
    <message>
        <source>A remote host (set one in Settings)</source>
        <translation>Ein entfernter Host (in den Einstellungen festlegen)</translation>
    </message>
    <message>
        <source>QEMU runs there; its QMP, control port and console come here over one SSH connection. Disk: %1.</source>
        <translation>QEMU läuft dort; QMP, Steuerport und Konsole kommen über eine SSH-Verbindung hierher. Festplatte: %1.</translation>
    </message>
    <message>
        <source>a copy of the default disk, made there on first use</source>
        <translation>eine Kopie der Standardfestplatte, dort bei der ersten Verwendung angelegt</translation>
    </message>
</context>
<context>
    <name>sis::desktop::RemoteVmHost</name>
    <message>
        <source>QEMU on %1 exited</source>
        <translation>QEMU auf %1 wurde beendet</translation>
    </message>
    <message>
        <source>connecting to %1 over SSH</source>
        <translation>verbinde mit %1 über SSH</translation>
    </message>
    <message>
        <source>cannot create a local directory for the forwarded sockets</source>
        <translation>kann kein lokales Verzeichnis für die weitergeleiteten Sockets anlegen</translation>
    </message>
    <message>
        <source>attaching to the VM already running on %1 (pid %2)</source>
        <translation>verbinde mit der bereits laufenden VM auf %1 (PID %2)</translation>
    </message>
    <message>
        <source>copying the kernel to %1 (once per kernel build)</source>
        <translation>kopiere den Kernel nach %1 (einmal pro Kernel-Build)</translation>
    </message>
    <message>
        <source>copying the kernel image to %1: %2</source>
        <translation>Kopieren des Kernel-Images nach %1: %2</translation>
    </message>
    <message>
        <source>copying the default disk to %1 (first use only)</source>
        <translation>kopiere die Standardfestplatte nach %1 (nur bei der ersten Verwendung)</translation>
    </message>
    <message>
        <source>copying the default disk to %1: %2</source>
        <translation>Kopieren der Standardfestplatte nach %1: %2</translation>
    </message>
    <message>
        <source>starting QEMU on %1</source>
        <translation>starte QEMU auf %1</translation>
    </message>
    <message>
        <source>the VM on %1 is no longer the one the app started</source>
        <translation>die VM auf %1 ist nicht mehr die, die die App gestartet hat</translation>
    </message>
</context>
<context>
    <name>sis::desktop::RootFsStatus</name>
    <message>
        <source>Disk: %1 on / (%2)</source>
        <translation>Datenträger: %1 auf / (%2)</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>nur lesbar</translation>
    </message>
    <message>
        <source>read-write</source>
        <translation>lesen und schreiben</translation>
    </message>
    <message>
        <source>the disk is unusable: %1</source>
        <translation>der Datenträger ist unbrauchbar: %1</translation>
    </message>
    <message>
        <source>no disk attached</source>
        <translation>kein Datenträger angeschlossen</translation>
    </message>
    <message>
        <source>no disk mounted</source>
        <translation>kein Datenträger eingehängt</translation>
    </message>
    <message>
        <source>NO DISK: / is in memory (%1). Changes are lost at poweroff.</source>
        <translation>KEIN DATENTRÄGER: / liegt im Speicher (%1). Änderungen gehen beim Ausschalten verloren.</translation>
    </message>
    <message>
        <source>NO DISK: no root file system (%1).</source>
        <translation>KEIN DATENTRÄGER: kein Wurzeldateisystem (%1).</translation>
    </message>
</context>
<context>
    <name>sis::desktop::SchedHintsView</name>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>Zeit (s)</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>Strategie</translation>
    </message>
    <message>
        <source>Thread</source>
        <translation>Thread</translation>
    </message>
    <message>
        <source>Latency-critical (%)</source>
        <translation>Latenzkritisch (%)</translation>
    </message>
    <message>
        <source>Slice (µs)</source>
        <translation>Zeitscheibe (µs)</translation>
    </message>
    <message>
        <source>Predicted burst (µs)</source>
        <translation>Vorhergesagter Burst (µs)</translation>
    </message>
    <message>
        <source>Inference (µs)</source>
        <translation>Inferenz (µs)</translation>
    </message>
    <message>
        <source>Learned scheduler decisions</source>
        <translation>Entscheidungen des gelernten Schedulers</translation>
    </message>
</context>
<context>
    <name>sis::desktop::SchedLatencyChart</name>
    <message>
        <source>Scheduler: wake-up latency</source>
        <translation>Scheduler: Aufweck-Latenz</translation>
    </message>
    <message>
        <source>µs</source>
        <translation>µs</translation>
    </message>
    <message>
        <source>p99</source>
        <translation>p99</translation>
    </message>
    <message>
        <source>median</source>
        <translation>Median</translation>
    </message>
    <message>
        <source>Scheduler: wake-up latency, policy %1</source>
        <translation>Scheduler: Aufweck-Latenz, Strategie %1</translation>
    </message>
    <message>
        <source>p99 (%1)</source>
        <translation>p99 (%1)</translation>
    </message>
    <message>
        <source>median (%1)</source>
        <translation>Median (%1)</translation>
    </message>
    <message>
        <source>policy %1</source>
        <translation>Strategie %1</translation>
    </message>
</context>
<context>
    <name>sis::desktop::SchedPolicyBox</name>
    <message>
        <source>Scheduling &amp;policy:</source>
        <translation>Scheduling-&amp;Strategie:</translation>
    </message>
    <message>
        <source>Scheduling policy</source>
        <translation>Scheduling-Strategie</translation>
    </message>
    <message>
        <source>Switches the kernel&apos;s scheduler to this policy (schedctl policy NAME); every queued thread moves to it</source>
        <translation>Schaltet den Scheduler des Kernels auf diese Strategie um (schedctl policy NAME); jeder wartende Thread wechselt zu ihr</translation>
    </message>
    <message>
        <source>Policy switch: not available in this kernel (no shell.exec)</source>
        <translation>Strategiewechsel: in diesem Kernel nicht verfügbar (kein shell.exec)</translation>
    </message>
    <message>
        <source>Could not list the scheduling policies: %1</source>
        <translation>Die Scheduling-Strategien ließen sich nicht auflisten: %1</translation>
    </message>
    <message>
        <source>`schedctl status --json` gave none</source>
        <translation>`schedctl status --json` lieferte keine</translation>
    </message>
    <message>
        <source>Switching to %1...</source>
        <translation>Wechsle zu %1...</translation>
    </message>
    <message>
        <source>Policy switch failed: %1</source>
        <translation>Strategiewechsel fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The kernel answered: %1</source>
        <translation>Der Kernel antwortete: %1</translation>
    </message>
</context>
<context>
    <name>sis::desktop::SettingsDialog</name>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Datei wählen</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>automatic: %1</source>
        <translation>automatisch: %1</translation>
    </message>
    <message>
        <source>QEMU binary:</source>
        <translation>QEMU-Programm:</translation>
    </message>
    <message>
        <source>Kernel image:</source>
        <translation>Kernel-Abbild:</translation>
    </message>
    <message>
        <source>Disk image:</source>
        <translation>Datenträgerabbild:</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> MiB</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Speicher:</translation>
    </message>
    <message>
        <source>CPUs:</source>
        <translation>CPUs:</translation>
    </message>
    <message>
        <source>CPU model:</source>
        <translation>CPU-Modell:</translation>
    </message>
    <message>
        <source>e.g. -d guest_errors</source>
        <translation>z. B. -d guest_errors</translation>
    </message>
    <message>
        <source>Extra QEMU arguments:</source>
        <translation>Zusätzliche QEMU-Argumente:</translation>
    </message>
    <message>
        <source> Hz</source>
        <translation> Hz</translation>
    </message>
    <message>
        <source>Metrics rate:</source>
        <translation>Metrikrate:</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Systemsprache</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <source>Browse: %1</source>
        <translation>Durchsuchen: %1</translation>
    </message>
    <message>
        <source>QEMU binary</source>
        <translation>QEMU-Programm</translation>
    </message>
    <message>
        <source>Kernel image</source>
        <translation>Kernel-Abbild</translation>
    </message>
    <message>
        <source>default disk (a copy of sis-disk.img); &quot;none&quot; for no disk</source>
        <translation>Standard-Datenträger (eine Kopie von sis-disk.img); „none“ für keinen</translation>
    </message>
    <message>
        <source>Disk image</source>
        <translation>Datenträgerabbild</translation>
    </message>
    <message>
        <source>VM settings apply at the next Start; the language at once.</source>
        <translation>VM-Einstellungen gelten ab dem nächsten Start, die Sprache sofort.</translation>
    </message>
    <message>
        <source>user@host[:port]; empty: VMs run on this computer</source>
        <translation>benutzer@host[:port]; leer: VMs laufen auf diesem Computer</translation>
    </message>
    <message>
        <source>Remote host</source>
        <translation>Entfernter Host</translation>
    </message>
    <message>
        <source>Remote host (SSH):</source>
        <translation>Entfernter Host (SSH):</translation>
    </message>
    <message>
        <source>the SSH agent, then ~/.ssh/id_*</source>
        <translation>der SSH-Agent, dann ~/.ssh/id_*</translation>
    </message>
    <message>
        <source>SSH key file</source>
        <translation>SSH-Schlüsseldatei</translation>
    </message>
    <message>
        <source>SSH key file:</source>
        <translation>SSH-Schlüsseldatei:</translation>
    </message>
    <message>
        <source>Known hosts file</source>
        <translation>Datei bekannter Hosts</translation>
    </message>
    <message>
        <source>Known hosts file:</source>
        <translation>Datei bekannter Hosts:</translation>
    </message>
    <message>
        <source>a copy of the default disk, made there on first use</source>
        <translation>eine Kopie der Standardfestplatte, dort bei der ersten Verwendung angelegt</translation>
    </message>
    <message>
        <source>Disk image on the remote host</source>
        <translation>Festplattenabbild auf dem entfernten Host</translation>
    </message>
    <message>
        <source>Disk on the remote host:</source>
        <translation>Festplatte auf dem entfernten Host:</translation>
    </message>
    <message>
        <source>Check connection</source>
        <translation>Verbindung prüfen</translation>
    </message>
    <message>
        <source>Connect over SSH, verify the host key and look for QEMU there</source>
        <translation>Über SSH verbinden, den Host-Schlüssel prüfen und dort nach QEMU suchen</translation>
    </message>
    <message>
        <source>Connecting to %1...</source>
        <translation>Verbinde mit %1...</translation>
    </message>
    <message>
        <source>The host&apos;s key is not known yet.</source>
        <translation>Der Schlüssel des Hosts ist noch nicht bekannt.</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>Abgelehnt: %1</translation>
    </message>
</context>
<context>
    <name>sis::desktop::SlabChart</name>
    <message>
        <source>Slab classes</source>
        <translation>Slab-Klassen</translation>
    </message>
    <message>
        <source>held by slabs (KiB)</source>
        <translation>von Slabs belegt (KiB)</translation>
    </message>
    <message>
        <source>objects in use (KiB)</source>
        <translation>Objekte in Benutzung (KiB)</translation>
    </message>
    <message>
        <source>Asking the kernel (memctl stats --json)...</source>
        <translation>Frage den Kernel (memctl stats --json)...</translation>
    </message>
    <message>
        <source>Start the VM to see live data.</source>
        <translation>Starten Sie die VM für Live-Daten.</translation>
    </message>
    <message>
        <source>Slab classes: not available in this kernel</source>
        <translation>Slab-Klassen: in diesem Kernel nicht verfügbar</translation>
    </message>
    <message>
        <source>The kernel has no shell.exec (capability &quot;shell&quot;).</source>
        <translation>Der Kernel hat kein shell.exec (Fähigkeit „shell“).</translation>
    </message>
    <message>
        <source>memctl stats failed: %1</source>
        <translation>memctl stats fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>`memctl stats --json` gave no slab caches (status %1).</source>
        <translation>`memctl stats --json` lieferte keine Slab-Caches (Status %1).</translation>
    </message>
    <message>
        <source>kmalloc size class (bytes)</source>
        <translation>kmalloc-Größenklasse (Bytes)</translation>
    </message>
    <message>
        <source>KiB</source>
        <translation>KiB</translation>
    </message>
</context>
<context>
    <name>sis::desktop::SnapshotDialog</name>
    <message>
        <source>Snapshots...</source>
        <translation>Schnappschüsse...</translation>
    </message>
    <message>
        <source>Take, list, restore and delete snapshots of the VM (RAM, devices and disk)</source>
        <translation>Schnappschüsse der VM erstellen, auflisten, wiederherstellen und löschen (RAM, Geräte und Datenträger)</translation>
    </message>
    <message>
        <source>&amp;Take snapshot</source>
        <translation>Schnappschuss &amp;erstellen</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Wiederherstellen</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>Schnappschüsse</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>VM state</source>
        <translation>VM-Zustand</translation>
    </message>
    <message>
        <source>Guest uptime</source>
        <translation>Laufzeit des Gasts</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>New snapshot name</source>
        <translation>Name des neuen Schnappschusses</translation>
    </message>
    <message>
        <source>name of the new snapshot</source>
        <translation>Name des neuen Schnappschusses</translation>
    </message>
    <message>
        <source>Pause the VM, save its RAM, devices and disk, resume it</source>
        <translation>Die VM anhalten, RAM, Geräte und Datenträger sichern, sie fortsetzen</translation>
    </message>
    <message>
        <source>Put the running VM back into the selected snapshot (RAM, devices and disk)</source>
        <translation>Die laufende VM auf den gewählten Schnappschuss zurücksetzen (RAM, Geräte und Datenträger)</translation>
    </message>
    <message>
        <source>Snapshot &apos;%1&apos; failed: %2</source>
        <translation>Schnappschuss &apos;%1&apos; fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Restoring &apos;%1&apos; failed: %2</source>
        <translation>Wiederherstellen von &apos;%1&apos; fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>Snapshot &apos;%1&apos; taken.</source>
        <translation>Schnappschuss &apos;%1&apos; erstellt.</translation>
    </message>
    <message>
        <source>Snapshot &apos;%1&apos; restored.</source>
        <translation>Schnappschuss &apos;%1&apos; wiederhergestellt.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 MiB</translation>
    </message>
    <message>
        <source>Start the VM to take or restore snapshots.</source>
        <translation>Starten Sie die VM, um Schnappschüsse zu erstellen oder wiederherzustellen.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid name: letters, digits, &apos;.&apos;, &apos;-&apos;, &apos;_&apos; (at most 64).</source>
        <translation>&apos;%1&apos; ist kein gültiger Name: Buchstaben, Ziffern, &apos;.&apos;, &apos;-&apos;, &apos;_&apos; (höchstens 64).</translation>
    </message>
    <message>
        <source>Taking snapshot &apos;%1&apos;...</source>
        <translation>Erstelle Schnappschuss &apos;%1&apos;...</translation>
    </message>
    <message>
        <source>Restoring &apos;%1&apos;...</source>
        <translation>Stelle &apos;%1&apos; wieder her...</translation>
    </message>
    <message>
        <source>Snapshot &apos;%1&apos; deleted.</source>
        <translation>Schnappschuss &apos;%1&apos; gelöscht.</translation>
    </message>
</context>
<context>
    <name>sis::desktop::TimeChart</name>
    <message>
        <source>time since start (s)</source>
        <translation>Zeit seit Start (s)</translation>
    </message>
    <message>
        <source>Start the VM to see live data.</source>
        <translation>Starten Sie die VM für Live-Daten.</translation>
    </message>
    <message>
        <source>%1: not available in this kernel</source>
        <translation>%1: in diesem Kernel nicht verfügbar</translation>
    </message>
    <message>
        <source>The kernel&apos;s metrics samples have no such data (group or member absent).</source>
        <translation>Die Metrik-Messwerte des Kernels enthalten diese Daten nicht (Gruppe oder Feld fehlt).</translation>
    </message>
</context>
<context>
    <name>sis::desktop::TracesPanel</name>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>Zeit (s)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Latency (us)</source>
        <translation>Latenz (µs)</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Traces</source>
        <translation>Traces</translation>
    </message>
    <message>
        <source>Start the VM to see the kernel&apos;s decision traces.</source>
        <translation>Starten Sie die VM, um die Entscheidungs-Traces des Kernels zu sehen.</translation>
    </message>
    <message>
        <source>Waiting for the kernel&apos;s control port...</source>
        <translation>Warte auf den Steuerport des Kernels...</translation>
    </message>
    <message>
        <source>Traces: not available in this kernel</source>
        <translation>Traces: in diesem Kernel nicht verfügbar</translation>
    </message>
    <message>
        <source>The kernel did not announce the &quot;trace&quot; capability. Its capabilities: %1.</source>
        <translation>Der Kernel hat die Fähigkeit „trace“ nicht angekündigt. Seine Fähigkeiten: %1.</translation>
    </message>
    <message>
        <source>Decision traces</source>
        <translation>Entscheidungs-Traces</translation>
    </message>
    <message>
        <source>The selected trace record</source>
        <translation>Der gewählte Trace-Eintrag</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>&amp;Zeigen:</translation>
    </message>
    <message>
        <source>Crash predictor and other decisions</source>
        <translation>Absturzvorhersage und andere Entscheidungen</translation>
    </message>
    <message>
        <source>Scheduler: learned policy hints</source>
        <translation>Scheduler: Hinweise der gelernten Strategie</translation>
    </message>
    <message>
        <source>Which decision records to show</source>
        <translation>Welche Entscheidungseinträge gezeigt werden</translation>
    </message>
</context>
<context>
    <name>sis::desktop::VmSession</name>
    <message>
        <source>QMP connection ended: %1</source>
        <translation>QMP-Verbindung beendet: %1</translation>
    </message>
    <message>
        <source>control port ready: %1 %2, protocol %3, capabilities: %4</source>
        <translation>Steuerport bereit: %1 %2, Protokoll %3, Fähigkeiten: %4</translation>
    </message>
    <message>
        <source>control port not available: %1</source>
        <translation>Steuerport nicht verfügbar: %1</translation>
    </message>
    <message>
        <source>panic: %1</source>
        <translation>Panik: %1</translation>
    </message>
    <message>
        <source>UART console connected</source>
        <translation>UART-Konsole verbunden</translation>
    </message>
    <message>
        <source>UART console: %1</source>
        <translation>UART-Konsole: %1</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Aus</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Startet</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Angehalten</translation>
    </message>
    <message>
        <source>Guest panicked</source>
        <translation>Gast in Panik</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>Stoppt</translation>
    </message>
    <message>
        <source>the VM is already running</source>
        <translation>die VM läuft bereits</translation>
    </message>
    <message>
        <source>QEMU failed to start: %1</source>
        <translation>QEMU konnte nicht starten: %1</translation>
    </message>
    <message>
        <source>starting: %1</source>
        <translation>Start: %1</translation>
    </message>
    <message>
        <source>QEMU is up (pid %1), runtime directory %2</source>
        <translation>QEMU läuft (PID %1), Laufzeitverzeichnis %2</translation>
    </message>
    <message>
        <source>QMP ready (QEMU %1)</source>
        <translation>QMP bereit (QEMU %1)</translation>
    </message>
    <message>
        <source>cont: %1</source>
        <translation>cont: %1</translation>
    </message>
    <message>
        <source>event %1%2</source>
        <translation>Ereignis %1%2</translation>
    </message>
    <message>
        <source>stop: %1</source>
        <translation>stop: %1</translation>
    </message>
    <message>
        <source>system_reset: %1</source>
        <translation>system_reset: %1</translation>
    </message>
    <message>
        <source>quit: %1</source>
        <translation>quit: %1</translation>
    </message>
    <message>
        <source>fs.sync before power off</source>
        <translation>fs.sync vor dem Ausschalten</translation>
    </message>
    <message>
        <source>the VM is not running</source>
        <translation>die VM läuft nicht</translation>
    </message>
    <message>
        <source>snapshot &apos;%1&apos; deleted</source>
        <translation>Schnappschuss &apos;%1&apos; gelöscht</translation>
    </message>
    <message>
        <source>snapshot &apos;%1&apos; saved</source>
        <translation>Schnappschuss &apos;%1&apos; gesichert</translation>
    </message>
    <message>
        <source>snapshot &apos;%1&apos; restored</source>
        <translation>Schnappschuss &apos;%1&apos; wiederhergestellt</translation>
    </message>
    <message>
        <source>snapshot %1 &apos;%2&apos; failed: %3</source>
        <translation>Schnappschuss-%1 &apos;%2&apos; fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>another snapshot operation is running</source>
        <translation>ein anderer Schnappschuss-Vorgang läuft</translation>
    </message>
    <message>
        <source>saving snapshot &apos;%1&apos;</source>
        <translation>sichere Schnappschuss &apos;%1&apos;</translation>
    </message>
    <message>
        <source>restoring snapshot &apos;%1&apos;</source>
        <translation>stelle Schnappschuss &apos;%1&apos; wieder her</translation>
    </message>
    <message>
        <source>no remote host is set (Settings)</source>
        <translation>kein entfernter Host festgelegt (Einstellungen)</translation>
    </message>
    <message>
        <source>cannot start the VM on %1: %2</source>
        <translation>die VM auf %1 kann nicht gestartet werden: %2</translation>
    </message>
    <message>
        <source>reconnecting to %1 failed: %2</source>
        <translation>Neuverbindung mit %1 fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>verbinde</translation>
    </message>
    <message>
        <source>connecting to %1</source>
        <translation>verbinde mit %1</translation>
    </message>
    <message>
        <source>attached to the VM already running on %1 (pid %2 there); sockets forwarded to %3</source>
        <translation>mit der bereits laufenden VM auf %1 verbunden (dort PID %2); Sockets nach %3 weitergeleitet</translation>
    </message>
    <message>
        <source>QEMU is up on %1 (pid %2 there, runtime directory %3); sockets forwarded to %4</source>
        <translation>QEMU läuft auf %1 (dort PID %2, Laufzeitverzeichnis %3); Sockets nach %4 weitergeleitet</translation>
    </message>
    <message>
        <source>%1 (the VM keeps running there; reconnecting)</source>
        <translation>%1 (die VM läuft dort weiter; verbinde neu)</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>verbinde neu</translation>
    </message>
    <message>
        <source>reconnecting to %1</source>
        <translation>verbinde neu mit %1</translation>
    </message>
    <message>
        <source>reconnected to %1: the VM (pid %2 there) kept running</source>
        <translation>neu mit %1 verbunden: die VM (dort PID %2) lief weiter</translation>
    </message>
    <message>
        <source>snapshots of a VM on a remote host are taken with sisctl --host %1 vm snapshot</source>
        <translation>Snapshots einer VM auf einem entfernten Host macht sisctl --host %1 vm snapshot</translation>
    </message>
</context>
<context>
    <name>sis::desktop::WelcomePage</name>
    <message>
        <source>SIS Control Center</source>
        <translation>SIS Control Center</translation>
    </message>
    <message>
        <source>Boots the SIS teaching kernel in QEMU and shows it live: metrics, console, files, crash lab. No virtual machine is running.</source>
        <translation>Bootet den SIS-Lehrkernel in QEMU und zeigt ihn live: Metriken, Konsole, Dateien, Absturzlabor. Es läuft keine virtuelle Maschine.</translation>
    </message>
    <message>
        <source>Where the VM runs</source>
        <translation>Wo die VM läuft</translation>
    </message>
    <message>
        <source>This computer (QEMU, TCG)</source>
        <translation>Dieser Computer (QEMU, TCG)</translation>
    </message>
    <message>
        <source>Start with the default disk</source>
        <translation>Mit dem Standard-Datenträger starten</translation>
    </message>
    <message>
        <source>Boot the kernel with your copy of the build&apos;s default disk (sis-disk.img)</source>
        <translation>Den Kernel mit Ihrer Kopie des Standard-Datenträgers aus dem Build booten (sis-disk.img)</translation>
    </message>
    <message>
        <source>Open disk image...</source>
        <translation>Datenträgerabbild öffnen...</translation>
    </message>
    <message>
        <source>Choose a raw ext4 disk image and boot the kernel with it</source>
        <translation>Ein rohes ext4-Datenträgerabbild wählen und den Kernel damit booten</translation>
    </message>
    <message>
        <source>Settings...</source>
        <translation>Einstellungen...</translation>
    </message>
    <message>
        <source>&amp;Recent disks</source>
        <translation>&amp;Zuletzt verwendete Datenträger</translation>
    </message>
    <message>
        <source>Recent disks</source>
        <translation>Zuletzt verwendete Datenträger</translation>
    </message>
    <message>
        <source>Double-click or press Enter to start the VM with a disk</source>
        <translation>Doppelklick oder Enter startet die VM mit einem Datenträger</translation>
    </message>
    <message>
        <source>Disk images you start appear here.</source>
        <translation>Datenträgerabbilder, mit denen Sie starten, erscheinen hier.</translation>
    </message>
    <message>
        <source>Start with the selected disk</source>
        <translation>Mit dem gewählten Datenträger starten</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>Aus der Liste entfernen</translation>
    </message>
    <message>
        <source>Forget the selected disk (the file stays)</source>
        <translation>Den gewählten Datenträger vergessen (die Datei bleibt)</translation>
    </message>
    <message>
        <source>(missing)</source>
        <translation>(fehlt)</translation>
    </message>
    <message>
        <source>%1
last changed %2</source>
        <translation>%1
zuletzt geändert %2</translation>
    </message>
    <message>
        <source>%1
the file is gone</source>
        <translation>%1
die Datei ist weg</translation>
    </message>
    <message>
        <source>qemu-system-aarch64 was not found: install qemu-system-arm or set the QEMU binary in Settings.</source>
        <translation>qemu-system-aarch64 wurde nicht gefunden: installieren Sie qemu-system-arm oder geben Sie das QEMU-Programm in den Einstellungen an.</translation>
    </message>
    <message>
        <source>The kernel image was not found (%1): build it (cmake --build build --target kernel) or set it in Settings.</source>
        <translation>Das Kernel-Abbild wurde nicht gefunden (%1): bauen Sie es (cmake --build build --target kernel) oder geben Sie es in den Einstellungen an.</translation>
    </message>
    <message>
        <source>Open disk image</source>
        <translation>Datenträgerabbild öffnen</translation>
    </message>
    <message>
        <source>Disk images (*.img *.raw *.ext4);;All files (*)</source>
        <translation>Datenträgerabbilder (*.img *.raw *.ext4);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>sis::desktop::WriteCrashDialog</name>
    <message>
        <source>Write and crash</source>
        <translation>Schreiben und abstürzen</translation>
    </message>
    <message>
        <source>Writes your content to the file in the guest, cuts the power at the chosen point of the journal&apos;s work, reboots, and shows what survived and why.</source>
        <translation>Schreibt Ihren Inhalt in die Datei im Gast, kappt an der gewählten Stelle der Journal-Arbeit den Strom, startet neu und zeigt, was überlebt hat und warum.</translation>
    </message>
    <message>
        <source>File in the guest:</source>
        <translation>Datei im Gast:</translation>
    </message>
    <message>
        <source>Type the content</source>
        <translation>Inhalt eintippen</translation>
    </message>
    <message>
        <source>Take it from a host file</source>
        <translation>Aus einer Datei des Hosts nehmen</translation>
    </message>
    <message>
        <source>The content to write (at most %1 bytes)</source>
        <translation>Der zu schreibende Inhalt (höchstens %1 Bytes)</translation>
    </message>
    <message>
        <source>Content to write</source>
        <translation>Zu schreibender Inhalt</translation>
    </message>
    <message>
        <source>Host file with the content</source>
        <translation>Datei des Hosts mit dem Inhalt</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Durchsuchen...</translation>
    </message>
    <message>
        <source>Content from a host file</source>
        <translation>Inhalt aus einer Datei des Hosts</translation>
    </message>
    <message>
        <source>Crash point:</source>
        <translation>Absturzpunkt:</translation>
    </message>
    <message>
        <source>The file must be an absolute path in the guest.</source>
        <translation>Die Datei muss ein absoluter Pfad im Gast sein.</translation>
    </message>
    <message>
        <source>Choose a host file.</source>
        <translation>Wählen Sie eine Datei des Hosts.</translation>
    </message>
    <message>
        <source>%1 cannot be read.</source>
        <translation>%1 kann nicht gelesen werden.</translation>
    </message>
    <message>
        <source>The content is empty: a crash during the write needs something to write.</source>
        <translation>Der Inhalt ist leer: ein Absturz beim Schreiben braucht etwas zum Schreiben.</translation>
    </message>
    <message>
        <source>The content is larger than %1 bytes, the most one write-crash takes.</source>
        <translation>Der Inhalt ist größer als %1 Bytes, das Maximum für einen Schreib-Absturz.</translation>
    </message>
    <message>
        <source>After the reboot the journal guarantees %1: %2</source>
        <translation>Nach dem Neustart garantiert das Journal %1: %2</translation>
    </message>
    <message>
        <source>the new content</source>
        <translation>den neuen Inhalt</translation>
    </message>
    <message>
        <source>the old content (or no file, for a new one)</source>
        <translation>den alten Inhalt (oder keine Datei, bei einer neuen)</translation>
    </message>
</context>
<context>
    <name>sis::desktop::WriteCrashRun</name>
    <message>
        <source>no result within %1 s</source>
        <translation>kein Ergebnis innerhalb von %1 s</translation>
    </message>
    <message>
        <source>QEMU: GUEST_PANICKED; rebooting (QMP system_reset)</source>
        <translation>QEMU: GUEST_PANICKED; Neustart (QMP system_reset)</translation>
    </message>
    <message>
        <source>the VM was powered off</source>
        <translation>die VM wurde ausgeschaltet</translation>
    </message>
    <message>
        <source>unknown crash point %1</source>
        <translation>unbekannter Absturzpunkt %1</translation>
    </message>
    <message>
        <source>the content must be 1 to %1 bytes</source>
        <translation>der Inhalt muss 1 bis %1 Bytes groß sein</translation>
    </message>
    <message>
        <source>the running kernel must offer the &quot;crash&quot; and &quot;fs&quot; capabilities</source>
        <translation>der laufende Kernel muss die Fähigkeiten „crash“ und „fs“ anbieten</translation>
    </message>
    <message>
        <source>reading %1 as it is now</source>
        <translation>lese %1 im jetzigen Zustand</translation>
    </message>
    <message>
        <source>reading %1: %2</source>
        <translation>lese %1: %2</translation>
    </message>
    <message>
        <source>crash.inject write-crash at %1: %2 bytes to %3</source>
        <translation>crash.inject write-crash bei %1: %2 Bytes nach %3</translation>
    </message>
    <message>
        <source>crash.inject refused: %1</source>
        <translation>crash.inject abgelehnt: %1</translation>
    </message>
    <message>
        <source>kernel acknowledged: crashing now</source>
        <translation>Kernel bestätigt: stürzt jetzt ab</translation>
    </message>
    <message>
        <source>kernel back on the control port: asking what the journal did</source>
        <translation>Kernel wieder am Steuerport: frage, was das Journal getan hat</translation>
    </message>
    <message>
        <source>reading %1 after the reboot: %2</source>
        <translation>lese %1 nach dem Neustart: %2</translation>
    </message>
    <message>
        <source>e2fsck -fn on a copy of the disk (QMP stop, copy, cont)</source>
        <translation>e2fsck -fn auf einer Kopie des Datenträgers (QMP stop, Kopie, cont)</translation>
    </message>
</context>
<context>
    <name>sis::desktop::WriteCrashView</name>
    <message>
        <source>What you wrote</source>
        <translation>Was Sie geschrieben haben</translation>
    </message>
    <message>
        <source>What the disk holds now</source>
        <translation>Was jetzt auf dem Datenträger steht</translation>
    </message>
    <message>
        <source>What the journal did</source>
        <translation>Was das Journal getan hat</translation>
    </message>
    <message>
        <source>e2fsck -fn (copy taken while paused)</source>
        <translation>e2fsck -fn (Kopie, im angehaltenen Zustand erstellt)</translation>
    </message>
    <message>
        <source>Crash point: %1 (%2), replacing the content of %3</source>
        <translation>Absturzpunkt: %1 (%2), ersetzt den Inhalt von %3</translation>
    </message>
    <message>
        <source>Crash point: %1 (%2), writing the new file %3</source>
        <translation>Absturzpunkt: %1 (%2), schreibt die neue Datei %3</translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation>Warum: %1</translation>
    </message>
    <message>
        <source>typed</source>
        <translation>eingetippt</translation>
    </message>
    <message>
        <source>from host file %1</source>
        <translation>aus der Host-Datei %1</translation>
    </message>
    <message>
        <source>%1 bytes, %2
%3

%4</source>
        <translation>%1 Bytes, %2
%3

%4</translation>
    </message>
    <message>
        <source>(replacing %1 bytes of old content)</source>
        <translation>(ersetzt %1 Bytes alten Inhalts)</translation>
    </message>
    <message>
        <source>(a new file)</source>
        <translation>(eine neue Datei)</translation>
    </message>
    <message>
        <source>(not read: the run stopped)</source>
        <translation>(nicht gelesen: der Lauf wurde abgebrochen)</translation>
    </message>
    <message>
        <source>no file

%1 does not exist.</source>
        <translation>keine Datei

%1 existiert nicht.</translation>
    </message>
    <message>
        <source>%1, %2 bytes

%3</source>
        <translation>%1, %2 Bytes

%3</translation>
    </message>
    <message>
        <source>fs.journal: %1</source>
        <translation>fs.journal: %1</translation>
    </message>
    <message>
        <source>At the mount after the reboot:
%1

transactions replayed: %2 (%3 blocks)
transactions discarded (no commit block): %4 (%5 blocks)
revoked blocks skipped: %6</source>
        <translation>Beim Einhängen nach dem Neustart:
%1

wiederholte Transaktionen: %2 (%3 Blöcke)
verworfene Transaktionen (kein Commit-Block): %4 (%5 Blöcke)
übersprungene widerrufene Blöcke: %6</translation>
    </message>
    <message>
        <source>

At the crash, the kernel said:
%1</source>
        <translation>

Beim Absturz sagte der Kernel:
%1</translation>
    </message>
    <message>
        <source>clean (exit status 0)</source>
        <translation>sauber (Exit-Status 0)</translation>
    </message>
    <message>
        <source>problems found (exit status %1)</source>
        <translation>Probleme gefunden (Exit-Status %1)</translation>
    </message>
    <message>
        <source>not run</source>
        <translation>nicht ausgeführt</translation>
    </message>
    <message>
        <source>not run: %1</source>
        <translation>nicht ausgeführt: %1</translation>
    </message>
    <message>
        <source>
The VM was paused for %1 ms to copy its disk.</source>
        <translation>
Die VM war %1 ms angehalten, um ihren Datenträger zu kopieren.</translation>
    </message>
    <message>
        <source>
(The guest has the file system mounted, so it is flagged needs_recovery; e2fsck -n never writes, so it leaves the journal alone and checks the file system as it is on the disk.)</source>
        <translation>
(Der Gast hat das Dateisystem eingehängt, daher ist es als needs_recovery markiert; e2fsck -n schreibt nie, lässt also das Journal in Ruhe und prüft das Dateisystem so, wie es auf dem Datenträger steht.)</translation>
    </message>
    <message>
        <source>The run did not finish: %1</source>
        <translation>Der Lauf wurde nicht beendet: %1</translation>
    </message>
    <message>
        <source>Outcome: %1 is on the disk, as the journal guarantees at this point: correct.</source>
        <translation>Ergebnis: %1 steht auf dem Datenträger, wie es das Journal an dieser Stelle garantiert: korrekt.</translation>
    </message>
    <message>
        <source> But e2fsck did not find the disk clean.</source>
        <translation> Aber e2fsck fand den Datenträger nicht sauber.</translation>
    </message>
    <message>
        <source>Outcome: %1 is on the disk, but the journal guarantees %2 here: WRONG.</source>
        <translation>Ergebnis: %1 steht auf dem Datenträger, aber das Journal garantiert hier %2: FALSCH.</translation>
    </message>
</context>
</TS>
