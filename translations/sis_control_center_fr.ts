<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>AppSettings</name>
    <message>
        <source>qemu-system-aarch64 not found: install qemu-system-arm or set it in Settings</source>
        <translation>qemu-system-aarch64 introuvable : installez qemu-system-arm ou indiquez-le dans les paramètres</translation>
    </message>
    <message>
        <source>kernel image not found (%1): build it or set it in Settings</source>
        <translation>image du noyau introuvable (%1) : compilez-la ou indiquez-la dans les paramètres</translation>
    </message>
    <message>
        <source>disk image %1 is not readable</source>
        <translation>l&apos;image disque %1 n&apos;est pas lisible</translation>
    </message>
    <message>
        <source>cannot copy the default disk to %1</source>
        <translation>impossible de copier le disque par défaut vers %1</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>not available in this kernel (%1)</source>
        <translation>non disponible dans ce noyau (%1)</translation>
    </message>
    <message>
        <source>a &apos; is not closed</source>
        <translation>un &apos; n&apos;est pas fermé</translation>
    </message>
    <message>
        <source>a &quot; is not closed</source>
        <translation>un &quot; n&apos;est pas fermé</translation>
    </message>
    <message>
        <source>%1 samples</source>
        <translation>%1 échantillons</translation>
    </message>
    <message>
        <source>The control port went away; the profile was lost.</source>
        <translation>Le port de contrôle a disparu ; le profil est perdu.</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 a échoué : %2</translation>
    </message>
</context>
<context>
    <name>RemoteHostSettings</name>
    <message>
        <source>Remote host: %1</source>
        <translation>Hôte distant : %1</translation>
    </message>
</context>
<context>
    <name>sis::desktop::ChartExport</name>
    <message>
        <source>unknown image format &apos;%1&apos; (use .png, .jpg, .pdf or .svg)</source>
        <translation>format d&apos;image inconnu &apos;%1&apos; (utilisez .png, .jpg, .pdf ou .svg)</translation>
    </message>
    <message>
        <source>could not write %1</source>
        <translation>impossible d&apos;écrire %1</translation>
    </message>
    <message>
        <source>Save chart: %1</source>
        <translation>Enregistrer le graphique : %1</translation>
    </message>
    <message>
        <source>PNG image (*.png);;JPEG image (*.jpg *.jpeg);;PDF document (*.pdf);;SVG drawing (*.svg)</source>
        <translation>Image PNG (*.png);;Image JPEG (*.jpg *.jpeg);;Document PDF (*.pdf);;Dessin SVG (*.svg)</translation>
    </message>
    <message>
        <source>Save image</source>
        <translation>Enregistrer l&apos;image</translation>
    </message>
    <message>
        <source>Save image...</source>
        <translation>Enregistrer l&apos;image...</translation>
    </message>
    <message>
        <source>Save this chart as PNG, JPEG, PDF or SVG</source>
        <translation>Enregistrer ce graphique en PNG, JPEG, PDF ou SVG</translation>
    </message>
    <message>
        <source>Save %1 as an image</source>
        <translation>Enregistrer %1 comme image</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Copy this chart to the clipboard (bitmap and SVG)</source>
        <translation>Copier ce graphique dans le presse-papiers (bitmap et SVG)</translation>
    </message>
    <message>
        <source>Copy %1 to the clipboard</source>
        <translation>Copier %1 dans le presse-papiers</translation>
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
        <translation>Confier le terminal à /bin/sh (la commande `sh` du noyau ; nécessite un disque avec busybox)</translation>
    </message>
    <message>
        <source>Runs busybox sh on this terminal: pipelines, line editing, Ctrl-C to the foreground job; `exit` returns to the kernel&apos;s shell.</source>
        <translation>Lance busybox sh dans ce terminal : pipelines, édition de ligne, Ctrl-C vers la tâche au premier plan ; `exit` revient au shell du noyau.</translation>
    </message>
</context>
<context>
    <name>sis::desktop::ConsoleWidget</name>
    <message>
        <source>The kernel&apos;s UART shell appears here when the VM runs. Click here and type; Up/Down recall earlier commands.</source>
        <translation>Le shell UART du noyau apparaît ici quand la VM tourne. Cliquez ici et tapez ; Haut/Bas rappellent les commandes précédentes.</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>Coller</translation>
    </message>
    <message>
        <source>Select all</source>
        <translation>Tout sélectionner</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Console</translation>
    </message>
    <message>
        <source>The kernel&apos;s serial console. Keys go to the kernel&apos;s shell, Tab included; Ctrl+1 to Ctrl+9 go to the other panels.</source>
        <translation>La console série du noyau. Les touches vont au shell du noyau, Tab compris ; Ctrl+1 à Ctrl+9 mènent aux autres panneaux.</translation>
    </message>
</context>
<context>
    <name>sis::desktop::CrashPanel</name>
    <message>
        <source>Crash the kernel on purpose (crash.inject)</source>
        <translation>Faire planter le noyau exprès (crash.inject)</translation>
    </message>
    <message>
        <source>Panic</source>
        <translation>Panique</translation>
    </message>
    <message>
        <source>panic(&quot;crash.inject&quot;): report, panic event, pvpanic</source>
        <translation>panic(&quot;crash.inject&quot;) : rapport, événement de panique, pvpanic</translation>
    </message>
    <message>
        <source>Hang</source>
        <translation>Blocage</translation>
    </message>
    <message>
        <source>interrupts masked, spins forever: no pvpanic, requests time out</source>
        <translation>interruptions masquées, boucle sans fin : pas de pvpanic, les requêtes expirent</translation>
    </message>
    <message>
        <source>Out of memory</source>
        <translation>Mémoire épuisée</translation>
    </message>
    <message>
        <source>allocates kernel memory until it fails, then panics</source>
        <translation>alloue de la mémoire noyau jusqu&apos;à l&apos;échec, puis panique</translation>
    </message>
    <message>
        <source>Crash during write</source>
        <translation>Plantage pendant l&apos;écriture</translation>
    </message>
    <message>
        <source>Reboot automatically</source>
        <translation>Redémarrer automatiquement</translation>
    </message>
    <message>
        <source>Check disk image (e2fsck -fn)</source>
        <translation>Vérifier l&apos;image disque (e2fsck -fn)</translation>
    </message>
    <message>
        <source>Runs e2fsck -fn on the disk image; the VM must be off</source>
        <translation>Lance e2fsck -fn sur l&apos;image disque ; la VM doit être arrêtée</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>Ce qui s&apos;est passé</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>Détail</translation>
    </message>
    <message>
        <source>The kernel&apos;s panic report, the journal replay report and the file system check appear here.</source>
        <translation>Le rapport de panique du noyau, le rapport de rejeu du journal et la vérification du système de fichiers apparaissent ici.</translation>
    </message>
    <message>
        <source>QEMU exited</source>
        <translation>QEMU s&apos;est arrêté</translation>
    </message>
    <message>
        <source>kernel panic event</source>
        <translation>événement de panique du noyau</translation>
    </message>
    <message>
        <source>needs the kernel&apos;s ext4 file system (capability &quot;fs&quot;): not available in this kernel</source>
        <translation>nécessite le système de fichiers ext4 du noyau (capacité « fs ») : non disponible dans ce noyau</translation>
    </message>
    <message>
        <source>cannot inject %1</source>
        <translation>impossible d&apos;injecter %1</translation>
    </message>
    <message>
        <source>the control port is not ready</source>
        <translation>le port de contrôle n&apos;est pas prêt</translation>
    </message>
    <message>
        <source>crash.inject: not available in this kernel</source>
        <translation>crash.inject : non disponible dans ce noyau</translation>
    </message>
    <message>
        <source>crash.inject %1 sent</source>
        <translation>crash.inject %1 envoyé</translation>
    </message>
    <message>
        <source>crash.inject %1 refused</source>
        <translation>crash.inject %1 refusé</translation>
    </message>
    <message>
        <source>kernel acknowledged: crashing now</source>
        <translation>le noyau a confirmé : plantage en cours</translation>
    </message>
    <message>
        <source>kernel stopped answering</source>
        <translation>le noyau ne répond plus</translation>
    </message>
    <message>
        <source>sys.ping: %1 (a hang raises no pvpanic)</source>
        <translation>sys.ping : %1 (un blocage ne déclenche pas de pvpanic)</translation>
    </message>
    <message>
        <source>rebooting (QMP system_reset)</source>
        <translation>redémarrage (QMP system_reset)</translation>
    </message>
    <message>
        <source>QEMU: GUEST_PANICKED (pvpanic)</source>
        <translation>QEMU : GUEST_PANICKED (pvpanic)</translation>
    </message>
    <message>
        <source>the VM is paused in state guest-panicked</source>
        <translation>la VM est en pause dans l&apos;état guest-panicked</translation>
    </message>
    <message>
        <source>waiting for you: press Reset to reboot</source>
        <translation>en attente : appuyez sur Réinitialiser pour redémarrer</translation>
    </message>
    <message>
        <source>QEMU: RESET</source>
        <translation>QEMU : RESET</translation>
    </message>
    <message>
        <source>the kernel boots again</source>
        <translation>le noyau redémarre</translation>
    </message>
    <message>
        <source>kernel back on the control port</source>
        <translation>noyau de retour sur le port de contrôle</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>no shell.exec: cannot ask the kernel about its journal</source>
        <translation>pas de shell.exec : impossible d&apos;interroger le noyau sur son journal</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>`%1`: not available in this kernel</source>
        <translation>`%1` : non disponible dans ce noyau</translation>
    </message>
    <message>
        <source>`%1` (status %2)</source>
        <translation>`%1` (statut %2)</translation>
    </message>
    <message>
        <source>for the host&apos;s check: power off, then &quot;Check disk image&quot; runs e2fsck -fn</source>
        <translation>pour la vérification sur l&apos;hôte : éteignez, puis « Vérifier l&apos;image disque » lance e2fsck -fn</translation>
    </message>
    <message>
        <source>e2fsck not found</source>
        <translation>e2fsck introuvable</translation>
    </message>
    <message>
        <source>install e2fsprogs</source>
        <translation>installez e2fsprogs</translation>
    </message>
    <message>
        <source>e2fsck -fn %1</source>
        <translation>e2fsck -fn %1</translation>
    </message>
    <message>
        <source>check: clean</source>
        <translation>vérification : propre</translation>
    </message>
    <message>
        <source>check: problems found (exit status %1)</source>
        <translation>vérification : problèmes trouvés (code de sortie %1)</translation>
    </message>
    <message>
        <source>writes 64 KiB to /crash-test.bin and panics after the journal commit, before checkpoint: the next mount replays the journal. Your own content and the other crash points: Files, &quot;Write and crash...&quot;</source>
        <translation>écrit 64 Kio dans /crash-test.bin et panique après le commit du journal, avant le checkpoint : le montage suivant rejoue le journal. Votre propre contenu et les autres points de plantage : Fichiers, « Écrire et planter... »</translation>
    </message>
    <message>
        <source>Repeat a demo from the same state (snapshots)</source>
        <translation>Répéter une démonstration depuis le même état (instantanés)</translation>
    </message>
    <message>
        <source>Crash to inject after the snapshot</source>
        <translation>Plantage à injecter après l&apos;instantané</translation>
    </message>
    <message>
        <source>Snapshot, then crash</source>
        <translation>Instantané, puis plantage</translation>
    </message>
    <message>
        <source>Saves the running VM (RAM, devices and disk) as snapshot &quot;%1&quot;, then injects the chosen crash</source>
        <translation>Enregistre la VM en marche (RAM, périphériques et disque) comme instantané « %1 », puis injecte le plantage choisi</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restaurer</translation>
    </message>
    <message>
        <source>Loads snapshot &quot;%1&quot;: the VM is back where it was before the crash, in seconds</source>
        <translation>Charge l&apos;instantané « %1 » : la VM revient en quelques secondes là où elle était avant le plantage</translation>
    </message>
    <message>
        <source>C&amp;rash:</source>
        <translation>Pla&amp;ntage :</translation>
    </message>
    <message>
        <source>Crash timeline</source>
        <translation>Chronologie du plantage</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Rapports</translation>
    </message>
    <message>
        <source>cannot replace snapshot &quot;%1&quot;</source>
        <translation>impossible de remplacer l&apos;instantané « %1 »</translation>
    </message>
    <message>
        <source>saving snapshot &quot;%1&quot;</source>
        <translation>enregistrement de l&apos;instantané « %1 »</translation>
    </message>
    <message>
        <source>RAM, devices and disk of the running VM</source>
        <translation>RAM, périphériques et disque de la VM en marche</translation>
    </message>
    <message>
        <source>snapshot failed</source>
        <translation>l&apos;instantané a échoué</translation>
    </message>
    <message>
        <source>snapshot &quot;%1&quot; saved</source>
        <translation>instantané « %1 » enregistré</translation>
    </message>
    <message>
        <source>&quot;Restore&quot; brings the VM back here</source>
        <translation>« Restaurer » ramène la VM ici</translation>
    </message>
    <message>
        <source>restoring snapshot &quot;%1&quot;</source>
        <translation>restauration de l&apos;instantané « %1 »</translation>
    </message>
    <message>
        <source>restore failed</source>
        <translation>la restauration a échoué</translation>
    </message>
    <message>
        <source>snapshot restored: the VM runs from before the crash</source>
        <translation>instantané restauré : la VM repart d&apos;avant le plantage</translation>
    </message>
    <message>
        <source>kernel back on the control port (restored)</source>
        <translation>noyau de retour sur le port de contrôle (restauré)</translation>
    </message>
    <message>
        <source>uptime %1 s, as at the snapshot</source>
        <translation>durée de fonctionnement %1 s, comme à l&apos;instantané</translation>
    </message>
    <message>
        <source>Crash predictor (ai.status)</source>
        <translation>Prédicteur de plantage (ai.status)</translation>
    </message>
</context>
<context>
    <name>sis::desktop::CrashPredictorView</name>
    <message>
        <source>&amp;Autonomy:</source>
        <translation>&amp;Autonomie :</translation>
    </message>
    <message>
        <source>Off: alarms only</source>
        <translation>Désactivée : alarmes seulement</translation>
    </message>
    <message>
        <source>On: act by itself</source>
        <translation>Activée : agit seule</translation>
    </message>
    <message>
        <source>Ask: propose, act on confirmation</source>
        <translation>Demander : propose, agit après confirmation</translation>
    </message>
    <message>
        <source>Autonomous mode</source>
        <translation>Mode autonome</translation>
    </message>
    <message>
        <source>Confirm and run</source>
        <translation>Confirmer et exécuter</translation>
    </message>
    <message>
        <source>Runs the step the kernel proposes (ai.confirm); in ask mode nothing runs without this</source>
        <translation>Exécute l&apos;étape proposée par le noyau (ai.confirm) ; en mode demande, rien ne s&apos;exécute sans cela</translation>
    </message>
    <message>
        <source>Crash detector reading and its alarm threshold</source>
        <translation>Mesure du détecteur de plantage et son seuil d&apos;alarme</translation>
    </message>
    <message>
        <source>Crash predictor: waiting for the kernel (ai.status)</source>
        <translation>Prédicteur de plantage : attente du noyau (ai.status)</translation>
    </message>
    <message>
        <source>s</source>
        <translation>s</translation>
    </message>
    <message>
        <source>Detector: time to exhaustion (alarm when memory would run out within %1 ms at the last second&apos;s rate)</source>
        <translation>Détecteur : temps avant épuisement (alarme si la mémoire s&apos;épuiserait en %1 ms au rythme de la dernière seconde)</translation>
    </message>
    <message>
        <source>Now: memory is not falling</source>
        <translation>Maintenant : la mémoire ne diminue pas</translation>
    </message>
    <message>
        <source>Now: %1 s to exhaustion</source>
        <translation>Maintenant : %1 s avant épuisement</translation>
    </message>
    <message>
        <source>Detector: the model (alarm at risk %1 or more)</source>
        <translation>Détecteur : le modèle (alarme à partir d&apos;un risque de %1)</translation>
    </message>
    <message>
        <source>Detector: %1 (the plot shows the model&apos;s risk)</source>
        <translation>Détecteur : %1 (le graphique montre le risque du modèle)</translation>
    </message>
    <message>
        <source>Now: risk %1</source>
        <translation>Maintenant : risque %1</translation>
    </message>
    <message>
        <source>(ALARM)</source>
        <translation>(ALARME)</translation>
    </message>
    <message>
        <source>No alarm yet</source>
        <translation>Pas encore d&apos;alarme</translation>
    </message>
    <message>
        <source>Last alarm: %1 ms before the first allocation failure</source>
        <translation>Dernière alarme : %1 ms avant le premier échec d&apos;allocation</translation>
    </message>
    <message>
        <source>Last alarm: no allocation failure followed it</source>
        <translation>Dernière alarme : aucun échec d&apos;allocation n&apos;a suivi</translation>
    </message>
    <message>
        <source>Ask mode shows each step here before it runs</source>
        <translation>Le mode demande affiche ici chaque étape avant son exécution</translation>
    </message>
    <message>
        <source>Nothing proposed</source>
        <translation>Rien de proposé</translation>
    </message>
    <message>
        <source>Proposed: %1</source>
        <translation>Proposé : %1</translation>
    </message>
    <message>
        <source>Alarm now: no allocation failure so far</source>
        <translation>Alarme en cours : aucun échec d&apos;allocation jusqu&apos;ici</translation>
    </message>
    <message>
        <source>Confirmed: %1 (runs at the next sample)</source>
        <translation>Confirmé : %1 (exécuté à la prochaine mesure)</translation>
    </message>
</context>
<context>
    <name>sis::desktop::CrashRiskPlot</name>
    <message>
        <source>last minute</source>
        <translation>dernière minute</translation>
    </message>
</context>
<context>
    <name>sis::desktop::DashboardPanel</name>
    <message>
        <source>No samples yet.</source>
        <translation>Pas encore d&apos;échantillons.</translation>
    </message>
    <message>
        <source> Hz</source>
        <translation> Hz</translation>
    </message>
    <message>
        <source>metrics.subscribe rate (samples per second)</source>
        <translation>fréquence de metrics.subscribe (échantillons par seconde)</translation>
    </message>
    <message>
        <source>last 30 s</source>
        <translation>30 dernières s</translation>
    </message>
    <message>
        <source>last minute</source>
        <translation>dernière minute</translation>
    </message>
    <message>
        <source>last 5 minutes</source>
        <translation>5 dernières minutes</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>Mémoire</translation>
    </message>
    <message>
        <source>MiB</source>
        <translation>Mio</translation>
    </message>
    <message>
        <source>used</source>
        <translation>utilisée</translation>
    </message>
    <message>
        <source>slab</source>
        <translation>slab</translation>
    </message>
    <message>
        <source>heap</source>
        <translation>tas</translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation>Ordonnanceur</translation>
    </message>
    <message>
        <source>context switches/s</source>
        <translation>changements de contexte/s</translation>
    </message>
    <message>
        <source>run queue length</source>
        <translation>longueur de la file d&apos;exécution</translation>
    </message>
    <message>
        <source>threads</source>
        <translation>threads</translation>
    </message>
    <message>
        <source>Block device</source>
        <translation>Périphérique bloc</translation>
    </message>
    <message>
        <source>KiB/s</source>
        <translation>Kio/s</translation>
    </message>
    <message>
        <source>read</source>
        <translation>lu</translation>
    </message>
    <message>
        <source>written</source>
        <translation>écrit</translation>
    </message>
    <message>
        <source>metrics: not available in this kernel</source>
        <translation>métriques : non disponibles dans ce noyau</translation>
    </message>
    <message>
        <source>metrics.subscribe failed: %1</source>
        <translation>metrics.subscribe a échoué : %1</translation>
    </message>
    <message>
        <source>subscribed at %1 Hz, groups: %2</source>
        <translation>abonné à %1 Hz, groupes : %2</translation>
    </message>
    <message>
        <source>VM off. Press Start to boot the kernel.</source>
        <translation>VM arrêtée. Appuyez sur Démarrer pour amorcer le noyau.</translation>
    </message>
    <message>
        <source>Waiting for the kernel&apos;s control port...</source>
        <translation>En attente du port de contrôle du noyau...</translation>
    </message>
    <message>
        <source>%1 · %2 samples, %3 Hz measured, %4 dropped%5</source>
        <translation>%1 · %2 échantillons, %3 Hz mesurés, %4 perdus%5</translation>
    </message>
    <message>
        <source> · no sample for %1 s</source>
        <translation> · aucun échantillon depuis %1 s</translation>
    </message>
    <message>
        <source>AI: crash predictor</source>
        <translation>IA : prédiction de plantage</translation>
    </message>
    <message>
        <source>probability</source>
        <translation>probabilité</translation>
    </message>
    <message>
        <source>risk of a crash soon</source>
        <translation>risque de plantage imminent</translation>
    </message>
    <message>
        <source>&amp;Rate:</source>
        <translation>&amp;Fréquence :</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>&amp;Afficher :</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>Graphiques</translation>
    </message>
    <message>
        <source>per s / count</source>
        <translation>par s / nombre</translation>
    </message>
    <message>
        <source>the model&apos;s alarm threshold</source>
        <translation>le seuil d&apos;alarme du modèle</translation>
    </message>
    <message>
        <source>AI: inference time per model</source>
        <translation>IA : temps d&apos;inférence par modèle</translation>
    </message>
    <message>
        <source>µs</source>
        <translation>µs</translation>
    </message>
    <message>
        <source>crash predictor, mean</source>
        <translation>prédicteur de plantage, moyenne</translation>
    </message>
    <message>
        <source>crash predictor, p99</source>
        <translation>prédicteur de plantage, p99</translation>
    </message>
    <message>
        <source>transformer scheduler, mean</source>
        <translation>ordonnanceur transformer, moyenne</translation>
    </message>
    <message>
        <source>transformer scheduler, p99</source>
        <translation>ordonnanceur transformer, p99</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Réseau</translation>
    </message>
    <message>
        <source>received</source>
        <translation>reçu</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>envoyé</translation>
    </message>
    <message>
        <source>Lead time of the last crash-predictor alarm</source>
        <translation>Délai d&apos;avance de la dernière alarme du prédicteur de plantage</translation>
    </message>
</context>
<context>
    <name>sis::desktop::FileListModel</name>
    <message>
        <source>%1 bytes</source>
        <translation>%1 octets</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>Mode</translation>
    </message>
    <message>
        <source>Modified</source>
        <translation>Modifié</translation>
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
        <translation>Remonter</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Actualiser</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Afficher</translation>
    </message>
    <message>
        <source>New file</source>
        <translation>Nouveau fichier</translation>
    </message>
    <message>
        <source>New folder</source>
        <translation>Nouveau dossier</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>Renommer</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Upload...</source>
        <translation>Téléverser...</translation>
    </message>
    <message>
        <source>Folders</source>
        <translation>Dossiers</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Files: waiting for the kernel&apos;s control port...</source>
        <translation>Fichiers : en attente du port de contrôle du noyau...</translation>
    </message>
    <message>
        <source>Files: not available in this kernel</source>
        <translation>Fichiers : non disponibles dans ce noyau</translation>
    </message>
    <message>
        <source>The kernel did not announce the &quot;fs&quot; capability (fs.list, fs.read, fs.write...). Its capabilities: %1.</source>
        <translation>Le noyau n&apos;a pas annoncé la capacité « fs » (fs.list, fs.read, fs.write...). Ses capacités : %1.</translation>
    </message>
    <message>
        <source>Files: no disk image</source>
        <translation>Fichiers : pas d&apos;image disque</translation>
    </message>
    <message>
        <source>The VM is off and has no disk image. Choose an ext4 image in Settings to browse it offline, or start the VM.</source>
        <translation>La VM est arrêtée et n&apos;a pas d&apos;image disque. Choisissez une image ext4 dans les paramètres pour la parcourir hors ligne, ou démarrez la VM.</translation>
    </message>
    <message>
        <source>Files: cannot read the disk image</source>
        <translation>Fichiers : image disque illisible</translation>
    </message>
    <message>
        <source>loading...</source>
        <translation>chargement...</translation>
    </message>
    <message>
        <source>%1: done</source>
        <translation>%1 : terminé</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 a échoué : %2</translation>
    </message>
    <message>
        <source>Listing %1...</source>
        <translation>Liste de %1...</translation>
    </message>
    <message>
        <source>Cannot list %1: %2</source>
        <translation>Impossible de lister %1 : %2</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n entries</source>
        <translation>
            <numerusform>%1 : %n entrée</numerusform>
            <numerusform>%1 : %n entrées</numerusform>
        </translation>
    </message>
    <message>
        <source>(error: %1)</source>
        <translation>(erreur : %1)</translation>
    </message>
    <message>
        <source>Create %1</source>
        <translation>Créer %1</translation>
    </message>
    <message>
        <source>Make folder %1</source>
        <translation>Créer le dossier %1</translation>
    </message>
    <message>
        <source>Rename %1 to %2</source>
        <translation>Renommer %1 en %2</translation>
    </message>
    <message>
        <source>Delete %1</source>
        <translation>Supprimer %1</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>Téléverser</translation>
    </message>
    <message>
        <source>the disk image is browsed read-only while the VM is off: start the VM to change files</source>
        <translation>l&apos;image disque est parcourue en lecture seule tant que la VM est arrêtée : démarrez la VM pour modifier des fichiers</translation>
    </message>
    <message>
        <source>Upload %1 to %2</source>
        <translation>Téléverser %1 vers %2</translation>
    </message>
    <message>
        <source>not a regular file (folders are not uploaded)</source>
        <translation>pas un fichier ordinaire (les dossiers ne sont pas téléversés)</translation>
    </message>
    <message>
        <source>larger than %1 MiB</source>
        <translation>plus de %1 Mio</translation>
    </message>
    <message>
        <source>Uploading: %1 of %2 bytes</source>
        <translation>Téléversement : %1 sur %2 octets</translation>
    </message>
    <message>
        <source>Read %1</source>
        <translation>Lire %1</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 octets</translation>
    </message>
    <message>
        <source>, first %1 shown</source>
        <translation>, %1 premiers affichés</translation>
    </message>
    <message>
        <source>, binary: hex dump</source>
        <translation>, binaire : vidage hexadécimal</translation>
    </message>
    <message>
        <source>Name in %1:</source>
        <translation>Nom dans %1 :</translation>
    </message>
    <message>
        <source>Contents (may be empty):</source>
        <translation>Contenu (peut être vide) :</translation>
    </message>
    <message>
        <source>New name (or absolute path):</source>
        <translation>Nouveau nom (ou chemin absolu) :</translation>
    </message>
    <message>
        <source>Delete the folder %1 and everything in it?</source>
        <translation>Supprimer le dossier %1 et tout son contenu ?</translation>
    </message>
    <message>
        <source>Delete %1?</source>
        <translation>Supprimer %1 ?</translation>
    </message>
    <message>
        <source>Upload files to %1</source>
        <translation>Téléverser des fichiers vers %1</translation>
    </message>
    <message>
        <source>Write and crash...</source>
        <translation>Écrire et planter...</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Dossier</translation>
    </message>
    <message>
        <source>Files in the folder</source>
        <translation>Fichiers du dossier</translation>
    </message>
    <message>
        <source>Write a file and cut the power at a chosen point of the journal&apos;s work; after the reboot, see what survived and why</source>
        <translation>Écrire un fichier et couper le courant à un point choisi du travail du journal ; après le redémarrage, voir ce qui a survécu et pourquoi</translation>
    </message>
    <message>
        <source>Needs the running VM with a kernel that offers crash.inject and fs.*</source>
        <translation>Nécessite la VM en marche avec un noyau qui offre crash.inject et fs.*</translation>
    </message>
    <message>
        <source>Write and crash</source>
        <translation>Écrire et planter</translation>
    </message>
    <message>
        <source>Write and crash %1 (%2)</source>
        <translation>Écrire %1 et planter (%2)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <source>After the crash</source>
        <translation>Après le plantage</translation>
    </message>
</context>
<context>
    <name>sis::desktop::FlameGraphWidget</name>
    <message>
        <source>Flame graph</source>
        <translation>Flame graph</translation>
    </message>
    <message>
        <source>Each frame is as wide as its share of the samples; Escape shows all frames again. The Functions table lists the same frames.</source>
        <translation>Chaque cadre est aussi large que sa part des échantillons ; Échap affiche de nouveau tous les cadres. Le tableau Fonctions liste les mêmes cadres.</translation>
    </message>
    <message>
        <source>%1
%2 samples (%3 of all)</source>
        <translation>%1
%2 échantillons (%3 du total)</translation>
    </message>
    <message>
        <source>, %1 of the zoomed frame</source>
        <translation>, %1 du cadre agrandi</translation>
    </message>
    <message>
        <source>
self: %1 samples (%2)</source>
        <translation>
propre : %1 échantillons (%2)</translation>
    </message>
    <message>
        <source> samples</source>
        <translation> échantillons</translation>
    </message>
    <message>
        <source>, share %1%2 points</source>
        <translation>, part %1%2 points</translation>
    </message>
    <message>
        <source>%1
before: %2 samples (%3)
after: %4 samples (%5)
change: %6</source>
        <translation>%1
avant : %2 échantillons (%3)
après : %4 échantillons (%5)
variation : %6</translation>
    </message>
    <message>
        <source>
(matches the search)</source>
        <translation>
(correspond à la recherche)</translation>
    </message>
    <message>
        <source>No profile yet: load a folded file or profile the VM.</source>
        <translation>Pas encore de profil : chargez un fichier folded ou profilez la VM.</translation>
    </message>
    <message>
        <source>SIS flame graph</source>
        <translation>Flame graph SIS</translation>
    </message>
    <message>
        <source>%1 samples</source>
        <translation>%1 échantillons</translation>
    </message>
    <message>
        <source>unknown image format &apos;%1&apos; (use .png or .svg)</source>
        <translation>format d&apos;image inconnu &apos;%1&apos; (utilisez .png ou .svg)</translation>
    </message>
    <message>
        <source>could not write %1</source>
        <translation>impossible d&apos;écrire %1</translation>
    </message>
</context>
<context>
    <name>sis::desktop::HostPowerMeter</name>
    <message>
        <source>the VM is off</source>
        <translation>la VM est arrêtée</translation>
    </message>
</context>
<context>
    <name>sis::desktop::ImageFs</name>
    <message>
        <source>offline: disk image %1 (%2), read-only while the VM is off</source>
        <translation>hors ligne : image disque %1 (%2), en lecture seule tant que la VM est arrêtée</translation>
    </message>
    <message>
        <source>the disk image is browsed read-only while the VM is off: start the VM to change files</source>
        <translation>l&apos;image disque est parcourue en lecture seule tant que la VM est arrêtée : démarrez la VM pour modifier des fichiers</translation>
    </message>
</context>
<context>
    <name>sis::desktop::LlmPanel</name>
    <message>
        <source>Language model</source>
        <translation>Modèle de langage</translation>
    </message>
    <message>
        <source>Waiting for the kernel&apos;s control port...</source>
        <translation>En attente du port de contrôle du noyau...</translation>
    </message>
    <message>
        <source>Language model: not available in this kernel</source>
        <translation>Modèle de langage : non disponible dans ce noyau</translation>
    </message>
    <message>
        <source>Run: %1</source>
        <translation>Exécuter : %1</translation>
    </message>
    <message>
        <source>Run in the kernel shell</source>
        <translation>Exécuter dans le shell du noyau</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <source>Copy answer</source>
        <translation>Copier la réponse</translation>
    </message>
    <message>
        <source>Ask about SIS or describe a problem, e.g. &quot;The disk is almost full and writes fail&quot;</source>
        <translation>Posez une question sur SIS ou décrivez un problème, par ex. « Le disque est presque plein et les écritures échouent »</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>Question</translation>
    </message>
    <message>
        <source>Ask</source>
        <translation>Demander</translation>
    </message>
    <message>
        <source>The kernel answers from its documentation and help texts (cited), suggests a command and shows the live state it looked at. Nothing runs unless you click and confirm.</source>
        <translation>Le noyau répond à partir de sa documentation et de ses textes d&apos;aide (cités), propose une commande et montre l&apos;état en direct qu&apos;il a consulté. Rien ne s&apos;exécute sans votre clic et votre confirmation.</translation>
    </message>
    <message>
        <source>Live state the kernel looked at:</source>
        <translation>État en direct consulté par le noyau :</translation>
    </message>
    <message>
        <source>Live state</source>
        <translation>État en direct</translation>
    </message>
    <message>
        <source>Start the VM to ask the kernel.</source>
        <translation>Démarrez la VM pour interroger le noyau.</translation>
    </message>
    <message>
        <source>The kernel did not announce the &quot;llm&quot; capability (llm.ask). Its capabilities: %1.</source>
        <translation>Le noyau n&apos;a pas annoncé la capacité « llm » (llm.ask). Ses capacités : %1.</translation>
    </message>
    <message>
        <source>The answer suggests this command. Exactly this line will be run in the kernel shell (Console tab):

%1</source>
        <translation>La réponse propose cette commande. Exactement cette ligne sera exécutée dans le shell du noyau (onglet Console) :

%1</translation>
    </message>
    <message>
        <source>Suggested command:</source>
        <translation>Commande proposée :</translation>
    </message>
    <message>
        <source>Sources (click to read):</source>
        <translation>Sources (cliquer pour lire) :</translation>
    </message>
    <message>
        <source>asking the kernel...</source>
        <translation>interrogation du noyau...</translation>
    </message>
    <message>
        <source>llm.ask failed: %1</source>
        <translation>échec de llm.ask : %1</translation>
    </message>
    <message>
        <source>answered in %1 ms from %2 cited passages</source>
        <translation>réponse en %1 ms à partir de %2 passages cités</translation>
    </message>
    <message>
        <source>Chosen for reports like:</source>
        <translation>Choisie pour des signalements comme :</translation>
    </message>
    <message>
        <source>Command to complete</source>
        <translation>Commande à compléter</translation>
    </message>
    <message>
        <source>Replace the upper-case words with your values and drop the [optional] parts you do not want.</source>
        <translation>Remplacez les mots en majuscules par vos valeurs et supprimez les parties [optionnelles] dont vous n'avez pas besoin.</translation>
    </message>
    <message>
        <source>Run...</source>
        <translation>Exécuter...</translation>
    </message>
    <message>
        <source>Command to complete with your values:</source>
        <translation>Commande à compléter avec vos valeurs :</translation>
    </message>
</context>
<context>
    <name>sis::desktop::LogPanel</name>
    <message>
        <source>Filter (text, level or source)</source>
        <translation>Filtre (texte, niveau ou source)</translation>
    </message>
    <message>
        <source>Save...</source>
        <translation>Enregistrer...</translation>
    </message>
    <message>
        <source>Save log</source>
        <translation>Enregistrer le journal</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Effacer</translation>
    </message>
    <message>
        <source>Filter the log</source>
        <translation>Filtrer le journal</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Journal</translation>
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
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Console</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Fichiers</translation>
    </message>
    <message>
        <source>Crash lab</source>
        <translation>Labo de plantage</translation>
    </message>
    <message>
        <source>Language model</source>
        <translation>Modèle de langage</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>Processus</translation>
    </message>
    <message>
        <source>Traces</source>
        <translation>Traces</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Journal</translation>
    </message>
    <message>
        <source>%1 samples</source>
        <translation>%1 échantillons</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Boot the kernel in QEMU</source>
        <translation>Amorcer le noyau dans QEMU</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>Stop or resume the virtual CPUs (QMP stop/cont)</source>
        <translation>Arrêter ou reprendre les processeurs virtuels (QMP stop/cont)</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Réinitialiser</translation>
    </message>
    <message>
        <source>Reset the machine: the kernel reboots (QMP system_reset)</source>
        <translation>Réinitialiser la machine : le noyau redémarre (QMP system_reset)</translation>
    </message>
    <message>
        <source>Power off</source>
        <translation>Éteindre</translation>
    </message>
    <message>
        <source>Sync the file system and quit QEMU</source>
        <translation>Synchroniser le système de fichiers et quitter QEMU</translation>
    </message>
    <message>
        <source>Force stop</source>
        <translation>Arrêt forcé</translation>
    </message>
    <message>
        <source>Kill QEMU at once (no sync)</source>
        <translation>Tuer QEMU immédiatement (sans synchronisation)</translation>
    </message>
    <message>
        <source>VM</source>
        <translation>VM</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>&amp;Settings...</source>
        <translation>&amp;Paramètres...</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;VM</source>
        <translation>&amp;VM</translation>
    </message>
    <message>
        <source>V&amp;iew</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>Reset layout</source>
        <translation>Réinitialiser la disposition</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <source>&amp;About SIS Control Center</source>
        <translation>À &amp;propos de SIS Control Center</translation>
    </message>
    <message>
        <source>About SIS Control Center</source>
        <translation>À propos de SIS Control Center</translation>
    </message>
    <message>
        <source>&lt;b&gt;SIS Control Center&lt;/b&gt; %1&lt;br&gt;Boots the SIS kernel in QEMU and shows it live: metrics, console, files, crash lab.&lt;br&gt;QEMU over QMP, the kernel over its control port (protocol v1).</source>
        <translation>&lt;b&gt;SIS Control Center&lt;/b&gt; %1&lt;br&gt;Amorce le noyau SIS dans QEMU et le montre en direct : métriques, console, fichiers, labo de plantage.&lt;br&gt;QEMU via QMP, le noyau via son port de contrôle (protocole v1).</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>À propos de &amp;Qt</translation>
    </message>
    <message>
        <source>VM: %1</source>
        <translation>VM : %1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Reprendre</translation>
    </message>
    <message>
        <source>Control port: -</source>
        <translation>Port de contrôle : -</translation>
    </message>
    <message>
        <source>Control port: %1 %2, capabilities: %3</source>
        <translation>Port de contrôle : %1 %2, capacités : %3</translation>
    </message>
    <message>
        <source>Control port: waiting for the kernel...</source>
        <translation>Port de contrôle : en attente du noyau...</translation>
    </message>
    <message>
        <source>cannot start the VM: %1</source>
        <translation>impossible de démarrer la VM : %1</translation>
    </message>
    <message>
        <source>Cannot start the VM: %1</source>
        <translation>Impossible de démarrer la VM : %1</translation>
    </message>
    <message>
        <source>settings saved</source>
        <translation>paramètres enregistrés</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>&amp;Go to</source>
        <translation>A&amp;ller à</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>Profiler</source>
        <translation>Profileur</translation>
    </message>
    <message>
        <source>Welcome</source>
        <translation>Bienvenue</translation>
    </message>
    <message>
        <source>SIS Control Center — VM on %1</source>
        <translation>SIS Control Center — VM sur %1</translation>
    </message>
    <message>
        <source>Host: %1 (SSH)</source>
        <translation>Hôte : %1 (SSH)</translation>
    </message>
    <message>
        <source>Host: this computer</source>
        <translation>Hôte : cet ordinateur</translation>
    </message>
    <message>
        <source>Host: %1 — SSH connection lost, reconnecting...</source>
        <translation>Hôte : %1 — connexion SSH perdue, reconnexion...</translation>
    </message>
    <message>
        <source>Host: %1 — connecting...</source>
        <translation>Hôte : %1 — connexion...</translation>
    </message>
    <message>
        <source>The VM runs on %1; this window reaches it over one SSH connection. If the connection drops, the VM keeps running there and the window reconnects.</source>
        <translation>La VM tourne sur %1 ; cette fenêtre l&apos;atteint par une connexion SSH. Si la connexion tombe, la VM continue de tourner là-bas et la fenêtre se reconnecte.</translation>
    </message>
    <message>
        <source>The VM runs on this computer.</source>
        <translation>La VM tourne sur cet ordinateur.</translation>
    </message>
    <message>
        <source>cannot start the VM on %1: %2</source>
        <translation>impossible de démarrer la VM sur %1 : %2</translation>
    </message>
    <message>
        <source>Cannot start the VM on %1: %2</source>
        <translation>Impossible de démarrer la VM sur %1 : %2</translation>
    </message>
    <message>
        <source>Host key changed</source>
        <translation>Clé d&apos;hôte modifiée</translation>
    </message>
    <message>
        <source>The host key of %1 has changed. The VM was not started.</source>
        <translation>La clé d&apos;hôte de %1 a changé. La VM n&apos;a pas été démarrée.</translation>
    </message>
</context>
<context>
    <name>sis::desktop::PowerControls</name>
    <message>
        <source>&amp;Budget:</source>
        <translation>&amp;Budget :</translation>
    </message>
    <message>
        <source> W</source>
        <translation> W</translation>
    </message>
    <message>
        <source>Power budget in watts</source>
        <translation>Budget de puissance en watts</translation>
    </message>
    <message>
        <source>Set budget</source>
        <translation>Fixer le budget</translation>
    </message>
    <message>
        <source>The kernel keeps its power under this budget: idle injection and lower priority for the threads that cost the most (powerctl set-budget)</source>
        <translation>Le noyau maintient sa puissance sous ce budget : injection de temps d&apos;inactivité et priorité réduite pour les threads les plus coûteux (powerctl set-budget)</translation>
    </message>
    <message>
        <source>Clear budget</source>
        <translation>Supprimer le budget</translation>
    </message>
    <message>
        <source>Normal scheduling again (powerctl set-budget off)</source>
        <translation>Retour à l&apos;ordonnancement normal (powerctl set-budget off)</translation>
    </message>
    <message>
        <source>Calibrate</source>
        <translation>Étalonner</translation>
    </message>
    <message>
        <source>Fits the kernel&apos;s power model to the host reading: idle, CPU, memory and half-duty phases of %1 s each (powerctl calibrate)</source>
        <translation>Ajuste le modèle de puissance du noyau à la mesure de l&apos;hôte : phases de repos, CPU, mémoire et mi-charge de %1 s chacune (powerctl calibrate)</translation>
    </message>
    <message>
        <source>power: not available in this kernel</source>
        <translation>puissance : non disponible dans ce noyau</translation>
    </message>
    <message>
        <source>Set budget failed: %1</source>
        <translation>La fixation du budget a échoué : %1</translation>
    </message>
    <message>
        <source>Budget %1 W set: the kernel injects idle time above it.</source>
        <translation>Budget de %1 W fixé : au-delà, le noyau injecte du temps d&apos;inactivité.</translation>
    </message>
    <message>
        <source>Clear budget failed: %1</source>
        <translation>La suppression du budget a échoué : %1</translation>
    </message>
    <message>
        <source>Budget cleared: normal scheduling.</source>
        <translation>Budget supprimé : ordonnancement normal.</translation>
    </message>
    <message>
        <source>Calibration did not start: %1</source>
        <translation>L&apos;étalonnage n&apos;a pas démarré : %1</translation>
    </message>
    <message>
        <source>Calibrating: settle...</source>
        <translation>Étalonnage : stabilisation...</translation>
    </message>
    <message>
        <source>Calibrated: P = %1 W + %2 W x utilisation (rms %3 mW). %4</source>
        <translation>Étalonné : P = %1 W + %2 W x utilisation (efficace %3 mW). %4</translation>
    </message>
    <message>
        <source>Calibration failed: %1</source>
        <translation>L&apos;étalonnage a échoué : %1</translation>
    </message>
    <message>
        <source>Calibrating: phase %1</source>
        <translation>Étalonnage : phase %1</translation>
    </message>
</context>
<context>
    <name>sis::desktop::PowerPlot</name>
    <message>
        <source>time since start (s)</source>
        <translation>temps depuis le démarrage (s)</translation>
    </message>
    <message>
        <source>Power</source>
        <translation>Puissance</translation>
    </message>
    <message>
        <source>Follow live</source>
        <translation>Suivre en direct</translation>
    </message>
    <message>
        <source>Wheel: zoom, drag: pan. Follow live returns to the moving window.</source>
        <translation>Molette : zoom, glisser : déplacer. Suivre en direct revient à la fenêtre mobile.</translation>
    </message>
    <message>
        <source>Start the VM to see live data.</source>
        <translation>Démarrez la VM pour voir les données en direct.</translation>
    </message>
    <message>
        <source>Power: not available in this kernel</source>
        <translation>Puissance : non disponible dans ce noyau</translation>
    </message>
    <message>
        <source>SIS power graph</source>
        <translation>Graphe de puissance SIS</translation>
    </message>
    <message>
        <source>power (W)</source>
        <translation>puissance (W)</translation>
    </message>
    <message>
        <source>kernel estimate (model)</source>
        <translation>estimation du noyau (modèle)</translation>
    </message>
    <message>
        <source>budget (off)</source>
        <translation>budget (désactivé)</translation>
    </message>
    <message>
        <source>Estimate: no sample yet</source>
        <translation>Estimation : pas encore d&apos;échantillon</translation>
    </message>
    <message>
        <source>host: QEMU&apos;s share of measured energy (%1)</source>
        <translation>hôte : part de QEMU dans l&apos;énergie mesurée (%1)</translation>
    </message>
    <message>
        <source>host CPU-time model (%1 W per busy core)</source>
        <translation>modèle du temps CPU de l&apos;hôte (%1 W par cœur occupé)</translation>
    </message>
    <message>
        <source>host meter (as the kernel received it)</source>
        <translation>compteur de l&apos;hôte (tel que le noyau l&apos;a reçu)</translation>
    </message>
    <message>
        <source>host reading (none yet)</source>
        <translation>mesure de l&apos;hôte (aucune pour l&apos;instant)</translation>
    </message>
    <message>
        <source>No energy counters on this host (RAPL, amd_energy): the host line is
QEMU&apos;s CPU time x %1 W per core, a model, not a measurement.</source>
        <translation>Pas de compteurs d&apos;énergie sur cet hôte (RAPL, amd_energy) : la courbe de l&apos;hôte est
le temps CPU de QEMU x %1 W par cœur, un modèle, pas une mesure.</translation>
    </message>
    <message>
        <source>No host reading yet (the app reads the host while the VM runs).</source>
        <translation>Pas encore de mesure de l&apos;hôte (l&apos;application mesure l&apos;hôte pendant que la VM tourne).</translation>
    </message>
    <message>
        <source>The kernel&apos;s metrics samples have no &quot;power&quot; group. Nothing is drawn rather than made-up numbers.</source>
        <translation>Les échantillons de métriques du noyau n&apos;ont pas de groupe « power ». Rien n&apos;est dessiné plutôt que des chiffres inventés.</translation>
    </message>
    <message>
        <source>host reading</source>
        <translation>mesure de l&apos;hôte</translation>
    </message>
    <message>
        <source>budget</source>
        <translation>budget</translation>
    </message>
    <message>
        <source>Estimate %1</source>
        <translation>Estimation %1</translation>
    </message>
    <message>
        <source>host: no reading yet</source>
        <translation>hôte : pas encore de mesure</translation>
    </message>
    <message>
        <source>host %1</source>
        <translation>hôte %1</translation>
    </message>
    <message>
        <source>budget off</source>
        <translation>budget désactivé</translation>
    </message>
    <message>
        <source>budget %1</source>
        <translation>budget %1</translation>
    </message>
</context>
<context>
    <name>sis::desktop::ProcessesPanel</name>
    <message>
        <source>Processes</source>
        <translation>Processus</translation>
    </message>
    <message>
        <source>No shell.exec (capability &quot;shell&quot;).</source>
        <translation>Pas de shell.exec (capacité « shell »).</translation>
    </message>
    <message>
        <source>ps --json failed: %1</source>
        <translation>ps --json a échoué : %1</translation>
    </message>
    <message>
        <source>The kernel has no `ps` command yet.</source>
        <translation>Le noyau n&apos;a pas encore de commande `ps`.</translation>
    </message>
    <message>
        <source>`ps --json` gave no JSON (status %1).</source>
        <translation>`ps --json` n&apos;a pas donné de JSON (statut %1).</translation>
    </message>
    <message numerus="yes">
        <source>%n threads</source>
        <translation>
            <numerusform>%n thread</numerusform>
            <numerusform>%n threads</numerusform>
        </translation>
    </message>
    <message>
        <source>User processes</source>
        <translation>Processus utilisateur</translation>
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
        <translation>État</translation>
    </message>
    <message>
        <source>RSS (KiB)</source>
        <translation>RSS (Kio)</translation>
    </message>
    <message>
        <source>CPU (s)</source>
        <translation>CPU (s)</translation>
    </message>
    <message>
        <source>Command line</source>
        <translation>Ligne de commande</translation>
    </message>
    <message>
        <source>&amp;Signal:</source>
        <translation>&amp;Signal :</translation>
    </message>
    <message>
        <source>Kill</source>
        <translation>Tuer</translation>
    </message>
    <message>
        <source>Send the signal to the selected process (proc.kill)</source>
        <translation>Envoyer le signal au processus choisi (proc.kill)</translation>
    </message>
    <message>
        <source>ls -l /etc    or    /bin/busybox sh -c &apos;echo hi | wc -c&apos;   (no shell unless you run sh; a first word without / runs /bin/WORD)</source>
        <translation>ls -l /etc    ou    /bin/busybox sh -c &apos;echo hi | wc -c&apos;   (pas de shell sauf si vous lancez sh ; un premier mot sans / lance /bin/MOT)</translation>
    </message>
    <message>
        <source>Command line to run</source>
        <translation>Ligne de commande à exécuter</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Exécuter</translation>
    </message>
    <message>
        <source>The program&apos;s stdout and stderr (red) appear here while it runs, then its exit status.</source>
        <translation>La sortie standard et la sortie d&apos;erreur (en rouge) du programme apparaissent ici pendant son exécution, puis son code de sortie.</translation>
    </message>
    <message>
        <source>Program output</source>
        <translation>Sortie du programme</translation>
    </message>
    <message>
        <source>Kernel threads</source>
        <translation>Threads du noyau</translation>
    </message>
    <message>
        <source>Start the VM to see its processes and the kernel&apos;s threads.</source>
        <translation>Démarrez la VM pour voir ses processus et les threads du noyau.</translation>
    </message>
    <message>
        <source>User processes: not available in this kernel</source>
        <translation>Processus utilisateur : non disponibles dans ce noyau</translation>
    </message>
    <message>
        <source>No proc.* methods (capability &quot;proc&quot;).</source>
        <translation>Pas de méthodes proc.* (capacité « proc »).</translation>
    </message>
    <message>
        <source>proc.list failed: %1</source>
        <translation>proc.list a échoué : %1</translation>
    </message>
    <message numerus="yes">
        <source>%n process(es)</source>
        <translation>
            <numerusform>%n processus</numerusform>
            <numerusform>%n processus</numerusform>
        </translation>
    </message>
    <message>
        <source>  ·  user pages in use: %1 (%2 shared copy-on-write)</source>
        <translation>  ·  pages utilisateur occupées : %1 (%2 partagées en copie sur écriture)</translation>
    </message>
    <message>
        <source>Kernel threads: not available in this kernel</source>
        <translation>Threads du noyau : non disponibles dans ce noyau</translation>
    </message>
    <message>
        <source>Not run: %1</source>
        <translation>Non exécuté : %1</translation>
    </message>
    <message>
        <source>Starting %1...</source>
        <translation>Lancement de %1...</translation>
    </message>
    <message>
        <source>pid %1 running: %2</source>
        <translation>pid %1 en cours : %2</translation>
    </message>
    <message>
        <source>
[%1 bytes of %2 lost on the control port]
</source>
        <translation>
[%1 octets de %2 perdus sur le port de contrôle]
</translation>
    </message>
    <message>
        <source>killed by %1</source>
        <translation>tué par %1</translation>
    </message>
    <message>
        <source>exited with status %1</source>
        <translation>terminé avec le statut %1</translation>
    </message>
    <message>
        <source>pid %1 %2 (CPU %3 s, peak RSS %4 KiB)</source>
        <translation>pid %1 %2 (CPU %3 s, RSS maximal %4 Kio)</translation>
    </message>
    <message>
        <source>[could not run: %1]
</source>
        <translation>[exécution impossible : %1]
</translation>
    </message>
    <message>
        <source>sent %1 to %2</source>
        <translation>%1 envoyé à %2</translation>
    </message>
    <message>
        <source>kill %1: %2</source>
        <translation>kill %1 : %2</translation>
    </message>
</context>
<context>
    <name>sis::desktop::ProfilerPanel</name>
    <message>
        <source>The control port went away; the profile was lost.</source>
        <translation>Le port de contrôle a disparu ; le profil est perdu.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Démarrer</translation>
    </message>
    <message>
        <source>Start sampling the kernel (prof.start)</source>
        <translation>Commencer l&apos;échantillonnage du noyau (prof.start)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Arrêter</translation>
    </message>
    <message>
        <source>Stop sampling and draw the profile (prof.stop, prof.folded)</source>
        <translation>Arrêter l&apos;échantillonnage et dessiner le profil (prof.stop, prof.folded)</translation>
    </message>
    <message>
        <source> Hz</source>
        <translation> Hz</translation>
    </message>
    <message>
        <source>Samples per second (1..10000)</source>
        <translation>Échantillons par seconde (1..10000)</translation>
    </message>
    <message>
        <source>&amp;Rate:</source>
        <translation>&amp;Fréquence :</translation>
    </message>
    <message>
        <source>Sa&amp;mple:</source>
        <translation>É&amp;chantillonner :</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>Tout</translation>
    </message>
    <message>
        <source>Kernel only</source>
        <translation>Noyau seul</translation>
    </message>
    <message>
        <source>One process:</source>
        <translation>Un processus :</translation>
    </message>
    <message>
        <source>pid </source>
        <translation>pid </translation>
    </message>
    <message>
        <source>Process id to sample</source>
        <translation>Identifiant du processus à échantillonner</translation>
    </message>
    <message>
        <source>Load folded file...</source>
        <translation>Charger un fichier folded...</translation>
    </message>
    <message>
        <source>Compare with before...</source>
        <translation>Comparer avec l&apos;avant...</translation>
    </message>
    <message>
        <source>Load a folded file as the &quot;before&quot; profile and show the difference</source>
        <translation>Charger un fichier folded comme profil « avant » et montrer la différence</translation>
    </message>
    <message>
        <source>Keep as before</source>
        <translation>Garder comme avant</translation>
    </message>
    <message>
        <source>Remember this profile as &quot;before&quot;: profile again after a change and compare</source>
        <translation>Retenir ce profil comme « avant » : profilez de nouveau après un changement et comparez</translation>
    </message>
    <message>
        <source>&amp;View:</source>
        <translation>&amp;Vue :</translation>
    </message>
    <message>
        <source>Flame graph</source>
        <translation>Flame graph</translation>
    </message>
    <message>
        <source>Differential (before → after)</source>
        <translation>Différentiel (avant → après)</translation>
    </message>
    <message>
        <source>Normalize</source>
        <translation>Normaliser</translation>
    </message>
    <message>
        <source>Compare each frame&apos;s share of its profile instead of its samples (for runs of different length or rate)</source>
        <translation>Comparer la part de chaque cadre dans son profil plutôt que ses échantillons (pour des exécutions de durée ou de fréquence différentes)</translation>
    </message>
    <message>
        <source>Save image...</source>
        <translation>Enregistrer l&apos;image...</translation>
    </message>
    <message>
        <source>Sear&amp;ch:</source>
        <translation>Re&amp;chercher :</translation>
    </message>
    <message>
        <source>Search frames (e.g. ext4, memcpy)</source>
        <translation>Rechercher des cadres (p. ex. ext4, memcpy)</translation>
    </message>
    <message>
        <source>Reset zoom</source>
        <translation>Réinitialiser le zoom</translation>
    </message>
    <message>
        <source>Show all frames again (or right-click the graph, or Escape)</source>
        <translation>Afficher de nouveau tous les cadres (ou clic droit sur le graphe, ou Échap)</translation>
    </message>
    <message>
        <source>Flame graph area</source>
        <translation>Zone du flame graph</translation>
    </message>
    <message>
        <source>Functions by samples in the function itself (self) and below it (total); double-click or Enter to search</source>
        <translation>Fonctions par échantillons dans la fonction elle-même (propre) et en dessous (total) ; double-clic ou Entrée pour rechercher</translation>
    </message>
    <message>
        <source>Functions</source>
        <translation>Fonctions</translation>
    </message>
    <message>
        <source>Self</source>
        <translation>Propre</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>Function</source>
        <translation>Fonction</translation>
    </message>
    <message>
        <source>No profile yet. Profile the VM (Start, run a workload, Stop) or load a folded file (sisctl prof folded, tools/profile_kernel.sh).</source>
        <translation>Pas encore de profil. Profilez la VM (Démarrer, lancer une charge, Arrêter) ou chargez un fichier folded (sisctl prof folded, tools/profile_kernel.sh).</translation>
    </message>
    <message>
        <source>Waiting for the kernel&apos;s control port...</source>
        <translation>En attente du port de contrôle du noyau...</translation>
    </message>
    <message>
        <source>VM off: start the VM to profile it, or load a folded file.</source>
        <translation>VM arrêtée : démarrez la VM pour la profiler, ou chargez un fichier folded.</translation>
    </message>
    <message>
        <source>Live profiling: not available in this kernel (no prof.* methods, capability &quot;prof&quot;). Load a folded file to view one.</source>
        <translation>Profilage en direct : non disponible dans ce noyau (pas de méthodes prof.*, capacité « prof »). Chargez un fichier folded pour en voir un.</translation>
    </message>
    <message>
        <source>Ready: Start, run a workload (Console), Stop.</source>
        <translation>Prêt : Démarrer, lancer une charge (Console), Arrêter.</translation>
    </message>
    <message>
        <source>Starting...</source>
        <translation>Démarrage...</translation>
    </message>
    <message>
        <source>A profile is already running (started elsewhere); Stop ends it and draws it.</source>
        <translation>Un profil est déjà en cours (lancé ailleurs) ; Arrêter le termine et le dessine.</translation>
    </message>
    <message>
        <source>%1 Hz, %2 sampling</source>
        <translation>%1 Hz, échantillonnage : %2</translation>
    </message>
    <message>
        <source>Profiling at %1. Run a workload, then Stop.</source>
        <translation>Profilage à %1. Lancez une charge, puis Arrêter.</translation>
    </message>
    <message>
        <source>Stopping...</source>
        <translation>Arrêt...</translation>
    </message>
    <message>
        <source>%1 samples, %2 dropped, %3 s%4</source>
        <translation>%1 échantillons, %2 perdus, %3 s%4</translation>
    </message>
    <message>
        <source>, profiler cost %1% of the time</source>
        <translation>, coût du profileur %1% du temps</translation>
    </message>
    <message>
        <source>Stopped (%1). Fetching the folded stacks...</source>
        <translation>Arrêté (%1). Récupération des piles folded...</translation>
    </message>
    <message>
        <source>prof.folded: inconsistent chunk at offset %1 (next %2, total %3)</source>
        <translation>prof.folded : bloc incohérent à la position %1 (suivant %2, total %3)</translation>
    </message>
    <message>
        <source>prof.folded: more than %1 MiB of folded stacks</source>
        <translation>prof.folded : plus de %1 Mio de piles folded</translation>
    </message>
    <message>
        <source>the VM (%1)</source>
        <translation>la VM (%1)</translation>
    </message>
    <message>
        <source>The kernel&apos;s folded stacks are not valid: %1</source>
        <translation>Les piles folded du noyau ne sont pas valides : %1</translation>
    </message>
    <message>
        <source>Profile drawn: %1. Start again for another.</source>
        <translation>Profil dessiné : %1. Démarrer de nouveau pour un autre.</translation>
    </message>
    <message>
        <source>%1: line %2: %3</source>
        <translation>%1 : ligne %2 : %3</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>Impossible d&apos;ouvrir %1 : %2</translation>
    </message>
    <message>
        <source>%1 is larger than %2 MiB</source>
        <translation>%1 dépasse %2 Mio</translation>
    </message>
    <message>
        <source>too large</source>
        <translation>trop grand</translation>
    </message>
    <message>
        <source>  ·  kept as &quot;before&quot;: profile again and choose the Differential view.</source>
        <translation>  ·  gardé comme « avant » : profilez de nouveau et choisissez la vue Différentiel.</translation>
    </message>
    <message>
        <source>Differential: before = %1 (%2 samples), after = %3 (%4 samples). Widths are the after profile; %5</source>
        <translation>Différentiel : avant = %1 (%2 échantillons), après = %3 (%4 échantillons). Les largeurs sont celles du profil après ; %5</translation>
    </message>
    <message>
        <source>none</source>
        <translation>aucun</translation>
    </message>
    <message>
        <source>red frames take a larger share of the samples than before, blue a smaller one.</source>
        <translation>les cadres rouges prennent une plus grande part des échantillons qu&apos;avant, les bleus une plus petite.</translation>
    </message>
    <message>
        <source>red frames have more samples than before, blue fewer, white the same.</source>
        <translation>les cadres rouges ont plus d&apos;échantillons qu&apos;avant, les bleus moins, les blancs autant.</translation>
    </message>
    <message>
        <source>%1 samples in %2 distinct stacks, from %3. Click a frame to zoom, hover for counts.</source>
        <translation>%1 échantillons dans %2 piles distinctes, depuis %3. Cliquez sur un cadre pour l&apos;agrandir, survolez pour les comptes.</translation>
    </message>
    <message>
        <source>Self %</source>
        <translation>Propre %</translation>
    </message>
    <message>
        <source>Total %</source>
        <translation>Total %</translation>
    </message>
    <message>
        <source>no match</source>
        <translation>aucune correspondance</translation>
    </message>
    <message>
        <source>Matched: %1 (%2 of %3 samples)</source>
        <translation>Correspondances : %1 (%2 sur %3 échantillons)</translation>
    </message>
    <message>
        <source>Showing all frames.</source>
        <translation>Tous les cadres sont affichés.</translation>
    </message>
    <message>
        <source>Zoomed: %1  (%2 samples, %3; Reset zoom or right-click to go back)</source>
        <translation>Agrandi : %1  (%2 échantillons, %3 ; Réinitialiser le zoom ou clic droit pour revenir)</translation>
    </message>
    <message>
        <source>Load folded stacks</source>
        <translation>Charger des piles folded</translation>
    </message>
    <message>
        <source>Folded stacks (*.folded *.txt);;All files (*)</source>
        <translation>Piles folded (*.folded *.txt);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Load the &quot;before&quot; profile</source>
        <translation>Charger le profil « avant »</translation>
    </message>
    <message>
        <source>Save flame graph</source>
        <translation>Enregistrer le flame graph</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg)</source>
        <translation>Image PNG (*.png);;Dessin SVG (*.svg)</translation>
    </message>
    <message>
        <source>Save image</source>
        <translation>Enregistrer l&apos;image</translation>
    </message>
</context>
<context>
    <name>sis::desktop::RemoteFs</name>
    <message>
        <source>live: the guest&apos;s file system over the control port (kernel %1)</source>
        <translation>en direct : le système de fichiers de l&apos;invité via le port de contrôle (noyau %1)</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annulé</translation>
    </message>
    <message>
        <source>cancelled after %1 of %2 bytes</source>
        <translation>annulé après %1 octets sur %2</translation>
    </message>
</context>
<context>
    <name>sis::desktop::RemoteHostCheck</name>
    <message>
        <source>No remote host is set.</source>
        <translation>Aucun hôte distant n&apos;est défini.</translation>
    </message>
    <message>
        <source>Connected to %1, but it has no QEMU (Debian: apt-get install qemu-system-arm).</source>
        <translation>Connecté à %1, mais il n&apos;a pas QEMU (Debian : apt-get install qemu-system-arm).</translation>
    </message>
    <message>
        <source>Connected to %1; QEMU: %2</source>
        <translation>Connecté à %1 ; QEMU : %2</translation>
    </message>
    <message>
        <source>Unknown host key</source>
        <translation>Clé d&apos;hôte inconnue</translation>
    </message>
    <message>
        <source>SIS has never connected to %1 before.</source>
        <translation>SIS ne s&apos;est encore jamais connecté à %1.</translation>
    </message>
    <message>
        <source>Compare this key with the one the host&apos;s administrator gives you before trusting it:

%1</source>
        <translation>Comparez cette clé avec celle que vous donne l&apos;administrateur de l&apos;hôte avant de lui faire confiance :

%1</translation>
    </message>
    <message>
        <source>Trust this host</source>
        <translation>Faire confiance à cet hôte</translation>
    </message>
</context>
<context>
    <name>sis::desktop::RemoteHostChooser</name>
    <message>
        <source>&amp;Host:</source>
        <translation>&amp;Hôte :</translation>
    </message>
    <message>
        <source>Where the VM runs</source>
        <translation>Où tourne la VM</translation>
    </message>
    <message>
        <source>This computer (QEMU, TCG)</source>
        <translation>Cet ordinateur (QEMU, TCG)</translation>
    </message>
    <message>
        <source>%1 (over SSH)</source>
        <translation>%1 (par SSH)</translation>
    </message>
    <message>
        <source>A remote host (set one in Settings)</source>
        <translation>Un hôte distant (à définir dans les Paramètres)</translation>
    </message>
    <message>
        <source>QEMU runs there; its QMP, control port and console come here over one SSH connection. Disk: %1.</source>
        <translation>QEMU tourne là-bas ; son QMP, son port de contrôle et sa console arrivent ici par une connexion SSH. Disque : %1.</translation>
    </message>
    <message>
        <source>a copy of the default disk, made there on first use</source>
        <translation>une copie du disque par défaut, créée là-bas à la première utilisation</translation>
    </message>
</context>
<context>
    <name>sis::desktop::RemoteVmHost</name>
    <message>
        <source>QEMU on %1 exited</source>
        <translation>QEMU sur %1 s&apos;est arrêté</translation>
    </message>
    <message>
        <source>connecting to %1 over SSH</source>
        <translation>connexion à %1 par SSH</translation>
    </message>
    <message>
        <source>cannot create a local directory for the forwarded sockets</source>
        <translation>impossible de créer un répertoire local pour les sockets redirigés</translation>
    </message>
    <message>
        <source>attaching to the VM already running on %1 (pid %2)</source>
        <translation>rattachement à la VM déjà en cours sur %1 (pid %2)</translation>
    </message>
    <message>
        <source>copying the kernel to %1 (once per kernel build)</source>
        <translation>copie du noyau vers %1 (une fois par construction du noyau)</translation>
    </message>
    <message>
        <source>copying the kernel image to %1: %2</source>
        <translation>copie de l&apos;image du noyau vers %1 : %2</translation>
    </message>
    <message>
        <source>copying the default disk to %1 (first use only)</source>
        <translation>copie du disque par défaut vers %1 (première utilisation seulement)</translation>
    </message>
    <message>
        <source>copying the default disk to %1: %2</source>
        <translation>copie du disque par défaut vers %1 : %2</translation>
    </message>
    <message>
        <source>starting QEMU on %1</source>
        <translation>démarrage de QEMU sur %1</translation>
    </message>
    <message>
        <source>the VM on %1 is no longer the one the app started</source>
        <translation>la VM sur %1 n&apos;est plus celle que l&apos;application a démarrée</translation>
    </message>
</context>
<context>
    <name>sis::desktop::RootFsStatus</name>
    <message>
        <source>Disk: %1 on / (%2)</source>
        <translation>Disque : %1 sur / (%2)</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>lecture seule</translation>
    </message>
    <message>
        <source>read-write</source>
        <translation>lecture-écriture</translation>
    </message>
    <message>
        <source>the disk is unusable: %1</source>
        <translation>le disque est inutilisable : %1</translation>
    </message>
    <message>
        <source>no disk attached</source>
        <translation>aucun disque attaché</translation>
    </message>
    <message>
        <source>no disk mounted</source>
        <translation>aucun disque monté</translation>
    </message>
    <message>
        <source>NO DISK: / is in memory (%1). Changes are lost at poweroff.</source>
        <translation>PAS DE DISQUE : / est en mémoire (%1). Les modifications sont perdues à l&apos;extinction.</translation>
    </message>
    <message>
        <source>NO DISK: no root file system (%1).</source>
        <translation>PAS DE DISQUE : pas de système de fichiers racine (%1).</translation>
    </message>
</context>
<context>
    <name>sis::desktop::SchedHintsView</name>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>Temps (s)</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>Politique</translation>
    </message>
    <message>
        <source>Thread</source>
        <translation>Thread</translation>
    </message>
    <message>
        <source>Latency-critical (%)</source>
        <translation>Critique en latence (%)</translation>
    </message>
    <message>
        <source>Slice (µs)</source>
        <translation>Tranche (µs)</translation>
    </message>
    <message>
        <source>Predicted burst (µs)</source>
        <translation>Rafale prédite (µs)</translation>
    </message>
    <message>
        <source>Inference (µs)</source>
        <translation>Inférence (µs)</translation>
    </message>
    <message>
        <source>Learned scheduler decisions</source>
        <translation>Décisions de l&apos;ordonnanceur appris</translation>
    </message>
</context>
<context>
    <name>sis::desktop::SchedLatencyChart</name>
    <message>
        <source>Scheduler: wake-up latency</source>
        <translation>Ordonnanceur : latence de réveil</translation>
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
        <translation>médiane</translation>
    </message>
    <message>
        <source>Scheduler: wake-up latency, policy %1</source>
        <translation>Ordonnanceur : latence de réveil, politique %1</translation>
    </message>
    <message>
        <source>p99 (%1)</source>
        <translation>p99 (%1)</translation>
    </message>
    <message>
        <source>median (%1)</source>
        <translation>médiane (%1)</translation>
    </message>
    <message>
        <source>policy %1</source>
        <translation>politique %1</translation>
    </message>
</context>
<context>
    <name>sis::desktop::SchedPolicyBox</name>
    <message>
        <source>Scheduling &amp;policy:</source>
        <translation>&amp;Politique d&apos;ordonnancement :</translation>
    </message>
    <message>
        <source>Scheduling policy</source>
        <translation>Politique d&apos;ordonnancement</translation>
    </message>
    <message>
        <source>Switches the kernel&apos;s scheduler to this policy (schedctl policy NAME); every queued thread moves to it</source>
        <translation>Fait passer l&apos;ordonnanceur du noyau à cette politique (schedctl policy NAME) ; chaque thread en attente y passe</translation>
    </message>
    <message>
        <source>Policy switch: not available in this kernel (no shell.exec)</source>
        <translation>Changement de politique : non disponible dans ce noyau (pas de shell.exec)</translation>
    </message>
    <message>
        <source>Could not list the scheduling policies: %1</source>
        <translation>Impossible de lister les politiques d&apos;ordonnancement : %1</translation>
    </message>
    <message>
        <source>`schedctl status --json` gave none</source>
        <translation>`schedctl status --json` n&apos;en a donné aucune</translation>
    </message>
    <message>
        <source>Switching to %1...</source>
        <translation>Passage à %1...</translation>
    </message>
    <message>
        <source>Policy switch failed: %1</source>
        <translation>Échec du changement de politique : %1</translation>
    </message>
    <message>
        <source>The kernel answered: %1</source>
        <translation>Le noyau a répondu : %1</translation>
    </message>
</context>
<context>
    <name>sis::desktop::SettingsDialog</name>
    <message>
        <source>Browse...</source>
        <translation>Parcourir...</translation>
    </message>
    <message>
        <source>Choose a file</source>
        <translation>Choisir un fichier</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <source>automatic: %1</source>
        <translation>automatique : %1</translation>
    </message>
    <message>
        <source>QEMU binary:</source>
        <translation>Programme QEMU :</translation>
    </message>
    <message>
        <source>Kernel image:</source>
        <translation>Image du noyau :</translation>
    </message>
    <message>
        <source>Disk image:</source>
        <translation>Image disque :</translation>
    </message>
    <message>
        <source> MiB</source>
        <translation> Mio</translation>
    </message>
    <message>
        <source>Memory:</source>
        <translation>Mémoire :</translation>
    </message>
    <message>
        <source>CPUs:</source>
        <translation>Processeurs :</translation>
    </message>
    <message>
        <source>CPU model:</source>
        <translation>Modèle de CPU :</translation>
    </message>
    <message>
        <source>e.g. -d guest_errors</source>
        <translation>p. ex. -d guest_errors</translation>
    </message>
    <message>
        <source>Extra QEMU arguments:</source>
        <translation>Arguments QEMU supplémentaires :</translation>
    </message>
    <message>
        <source> Hz</source>
        <translation> Hz</translation>
    </message>
    <message>
        <source>Metrics rate:</source>
        <translation>Fréquence des métriques :</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Langue :</translation>
    </message>
    <message>
        <source>Browse: %1</source>
        <translation>Parcourir : %1</translation>
    </message>
    <message>
        <source>QEMU binary</source>
        <translation>Programme QEMU</translation>
    </message>
    <message>
        <source>Kernel image</source>
        <translation>Image du noyau</translation>
    </message>
    <message>
        <source>default disk (a copy of sis-disk.img); &quot;none&quot; for no disk</source>
        <translation>disque par défaut (une copie de sis-disk.img) ; « none » pour aucun disque</translation>
    </message>
    <message>
        <source>Disk image</source>
        <translation>Image disque</translation>
    </message>
    <message>
        <source>VM settings apply at the next Start; the language at once.</source>
        <translation>Les paramètres de la VM s&apos;appliquent au prochain démarrage ; la langue, immédiatement.</translation>
    </message>
    <message>
        <source>user@host[:port]; empty: VMs run on this computer</source>
        <translation>utilisateur@hôte[:port] ; vide : les VM tournent sur cet ordinateur</translation>
    </message>
    <message>
        <source>Remote host</source>
        <translation>Hôte distant</translation>
    </message>
    <message>
        <source>Remote host (SSH):</source>
        <translation>Hôte distant (SSH) :</translation>
    </message>
    <message>
        <source>the SSH agent, then ~/.ssh/id_*</source>
        <translation>l&apos;agent SSH, puis ~/.ssh/id_*</translation>
    </message>
    <message>
        <source>SSH key file</source>
        <translation>Fichier de clé SSH</translation>
    </message>
    <message>
        <source>SSH key file:</source>
        <translation>Fichier de clé SSH :</translation>
    </message>
    <message>
        <source>Known hosts file</source>
        <translation>Fichier des hôtes connus</translation>
    </message>
    <message>
        <source>Known hosts file:</source>
        <translation>Fichier des hôtes connus :</translation>
    </message>
    <message>
        <source>a copy of the default disk, made there on first use</source>
        <translation>une copie du disque par défaut, créée là-bas à la première utilisation</translation>
    </message>
    <message>
        <source>Disk image on the remote host</source>
        <translation>Image disque sur l&apos;hôte distant</translation>
    </message>
    <message>
        <source>Disk on the remote host:</source>
        <translation>Disque sur l&apos;hôte distant :</translation>
    </message>
    <message>
        <source>Check connection</source>
        <translation>Vérifier la connexion</translation>
    </message>
    <message>
        <source>Connect over SSH, verify the host key and look for QEMU there</source>
        <translation>Se connecter par SSH, vérifier la clé d&apos;hôte et chercher QEMU là-bas</translation>
    </message>
    <message>
        <source>Connecting to %1...</source>
        <translation>Connexion à %1...</translation>
    </message>
    <message>
        <source>The host&apos;s key is not known yet.</source>
        <translation>La clé de l&apos;hôte n&apos;est pas encore connue.</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>Refusé : %1</translation>
    </message>
</context>
<context>
    <name>sis::desktop::SlabChart</name>
    <message>
        <source>Slab classes</source>
        <translation>Classes de slab</translation>
    </message>
    <message>
        <source>held by slabs (KiB)</source>
        <translation>détenu par les slabs (Kio)</translation>
    </message>
    <message>
        <source>objects in use (KiB)</source>
        <translation>objets utilisés (Kio)</translation>
    </message>
    <message>
        <source>Asking the kernel (memctl stats --json)...</source>
        <translation>Interrogation du noyau (memctl stats --json)...</translation>
    </message>
    <message>
        <source>Start the VM to see live data.</source>
        <translation>Démarrez la VM pour voir les données en direct.</translation>
    </message>
    <message>
        <source>Slab classes: not available in this kernel</source>
        <translation>Classes de slab : non disponibles dans ce noyau</translation>
    </message>
    <message>
        <source>The kernel has no shell.exec (capability &quot;shell&quot;).</source>
        <translation>Le noyau n&apos;a pas de shell.exec (capacité « shell »).</translation>
    </message>
    <message>
        <source>memctl stats failed: %1</source>
        <translation>memctl stats a échoué : %1</translation>
    </message>
    <message>
        <source>`memctl stats --json` gave no slab caches (status %1).</source>
        <translation>`memctl stats --json` n&apos;a donné aucun cache slab (statut %1).</translation>
    </message>
    <message>
        <source>kmalloc size class (bytes)</source>
        <translation>classe de taille kmalloc (octets)</translation>
    </message>
    <message>
        <source>KiB</source>
        <translation>Kio</translation>
    </message>
</context>
<context>
    <name>sis::desktop::SnapshotDialog</name>
    <message>
        <source>Snapshots...</source>
        <translation>Instantanés...</translation>
    </message>
    <message>
        <source>Take, list, restore and delete snapshots of the VM (RAM, devices and disk)</source>
        <translation>Prendre, lister, restaurer et supprimer des instantanés de la VM (RAM, périphériques et disque)</translation>
    </message>
    <message>
        <source>&amp;Take snapshot</source>
        <translation>&amp;Prendre un instantané</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Restaurer</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
    <message>
        <source>Snapshots</source>
        <translation>Instantanés</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Pris le</translation>
    </message>
    <message>
        <source>VM state</source>
        <translation>État de la VM</translation>
    </message>
    <message>
        <source>Guest uptime</source>
        <translation>Durée de fonctionnement de l&apos;invité</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <source>New snapshot name</source>
        <translation>Nom du nouvel instantané</translation>
    </message>
    <message>
        <source>name of the new snapshot</source>
        <translation>nom du nouvel instantané</translation>
    </message>
    <message>
        <source>Pause the VM, save its RAM, devices and disk, resume it</source>
        <translation>Mettre la VM en pause, enregistrer sa RAM, ses périphériques et son disque, la reprendre</translation>
    </message>
    <message>
        <source>Put the running VM back into the selected snapshot (RAM, devices and disk)</source>
        <translation>Ramener la VM en marche à l&apos;instantané choisi (RAM, périphériques et disque)</translation>
    </message>
    <message>
        <source>Snapshot &apos;%1&apos; failed: %2</source>
        <translation>L&apos;instantané &apos;%1&apos; a échoué : %2</translation>
    </message>
    <message>
        <source>Restoring &apos;%1&apos; failed: %2</source>
        <translation>La restauration de &apos;%1&apos; a échoué : %2</translation>
    </message>
    <message>
        <source>Snapshot &apos;%1&apos; taken.</source>
        <translation>Instantané &apos;%1&apos; pris.</translation>
    </message>
    <message>
        <source>Snapshot &apos;%1&apos; restored.</source>
        <translation>Instantané &apos;%1&apos; restauré.</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>inconnue</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 MiB</source>
        <translation>%1 Mio</translation>
    </message>
    <message>
        <source>Start the VM to take or restore snapshots.</source>
        <translation>Démarrez la VM pour prendre ou restaurer des instantanés.</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid name: letters, digits, &apos;.&apos;, &apos;-&apos;, &apos;_&apos; (at most 64).</source>
        <translation>&apos;%1&apos; n&apos;est pas un nom valide : lettres, chiffres, &apos;.&apos;, &apos;-&apos;, &apos;_&apos; (64 au plus).</translation>
    </message>
    <message>
        <source>Taking snapshot &apos;%1&apos;...</source>
        <translation>Prise de l&apos;instantané &apos;%1&apos;...</translation>
    </message>
    <message>
        <source>Restoring &apos;%1&apos;...</source>
        <translation>Restauration de &apos;%1&apos;...</translation>
    </message>
    <message>
        <source>Snapshot &apos;%1&apos; deleted.</source>
        <translation>Instantané &apos;%1&apos; supprimé.</translation>
    </message>
</context>
<context>
    <name>sis::desktop::TimeChart</name>
    <message>
        <source>time since start (s)</source>
        <translation>temps depuis le démarrage (s)</translation>
    </message>
    <message>
        <source>Start the VM to see live data.</source>
        <translation>Démarrez la VM pour voir les données en direct.</translation>
    </message>
    <message>
        <source>%1: not available in this kernel</source>
        <translation>%1 : non disponible dans ce noyau</translation>
    </message>
    <message>
        <source>The kernel&apos;s metrics samples have no such data (group or member absent).</source>
        <translation>Les échantillons de métriques du noyau n&apos;ont pas ces données (groupe ou membre absent).</translation>
    </message>
</context>
<context>
    <name>sis::desktop::TracesPanel</name>
    <message>
        <source>Id</source>
        <translation>Id</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>Temps (s)</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Latency (us)</source>
        <translation>Latence (µs)</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <source>Traces</source>
        <translation>Traces</translation>
    </message>
    <message>
        <source>Start the VM to see the kernel&apos;s decision traces.</source>
        <translation>Démarrez la VM pour voir les traces de décision du noyau.</translation>
    </message>
    <message>
        <source>Waiting for the kernel&apos;s control port...</source>
        <translation>En attente du port de contrôle du noyau...</translation>
    </message>
    <message>
        <source>Traces: not available in this kernel</source>
        <translation>Traces : non disponibles dans ce noyau</translation>
    </message>
    <message>
        <source>The kernel did not announce the &quot;trace&quot; capability. Its capabilities: %1.</source>
        <translation>Le noyau n&apos;a pas annoncé la capacité « trace ». Ses capacités : %1.</translation>
    </message>
    <message>
        <source>Decision traces</source>
        <translation>Traces de décision</translation>
    </message>
    <message>
        <source>The selected trace record</source>
        <translation>L&apos;enregistrement de trace choisi</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>Sortie</translation>
    </message>
    <message>
        <source>S&amp;how:</source>
        <translation>&amp;Afficher :</translation>
    </message>
    <message>
        <source>Crash predictor and other decisions</source>
        <translation>Prédicteur de plantage et autres décisions</translation>
    </message>
    <message>
        <source>Scheduler: learned policy hints</source>
        <translation>Ordonnanceur : indications de la politique apprise</translation>
    </message>
    <message>
        <source>Which decision records to show</source>
        <translation>Quels enregistrements de décision afficher</translation>
    </message>
</context>
<context>
    <name>sis::desktop::VmSession</name>
    <message>
        <source>QMP connection ended: %1</source>
        <translation>Connexion QMP terminée : %1</translation>
    </message>
    <message>
        <source>control port ready: %1 %2, protocol %3, capabilities: %4</source>
        <translation>port de contrôle prêt : %1 %2, protocole %3, capacités : %4</translation>
    </message>
    <message>
        <source>control port not available: %1</source>
        <translation>port de contrôle indisponible : %1</translation>
    </message>
    <message>
        <source>panic: %1</source>
        <translation>panique : %1</translation>
    </message>
    <message>
        <source>UART console connected</source>
        <translation>Console UART connectée</translation>
    </message>
    <message>
        <source>UART console: %1</source>
        <translation>console UART : %1</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>Arrêtée</translation>
    </message>
    <message>
        <source>Starting</source>
        <translation>Démarrage</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>En marche</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <source>Guest panicked</source>
        <translation>Panique de l&apos;invité</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>Arrêt en cours</translation>
    </message>
    <message>
        <source>the VM is already running</source>
        <translation>la VM tourne déjà</translation>
    </message>
    <message>
        <source>QEMU failed to start: %1</source>
        <translation>QEMU n&apos;a pas pu démarrer : %1</translation>
    </message>
    <message>
        <source>starting: %1</source>
        <translation>démarrage : %1</translation>
    </message>
    <message>
        <source>QEMU is up (pid %1), runtime directory %2</source>
        <translation>QEMU est lancé (pid %1), répertoire d&apos;exécution %2</translation>
    </message>
    <message>
        <source>QMP ready (QEMU %1)</source>
        <translation>QMP prêt (QEMU %1)</translation>
    </message>
    <message>
        <source>cont: %1</source>
        <translation>cont : %1</translation>
    </message>
    <message>
        <source>event %1%2</source>
        <translation>événement %1%2</translation>
    </message>
    <message>
        <source>stop: %1</source>
        <translation>stop : %1</translation>
    </message>
    <message>
        <source>system_reset: %1</source>
        <translation>system_reset : %1</translation>
    </message>
    <message>
        <source>quit: %1</source>
        <translation>quit : %1</translation>
    </message>
    <message>
        <source>fs.sync before power off</source>
        <translation>fs.sync avant l&apos;extinction</translation>
    </message>
    <message>
        <source>the VM is not running</source>
        <translation>la VM ne tourne pas</translation>
    </message>
    <message>
        <source>snapshot &apos;%1&apos; deleted</source>
        <translation>instantané &apos;%1&apos; supprimé</translation>
    </message>
    <message>
        <source>snapshot &apos;%1&apos; saved</source>
        <translation>instantané &apos;%1&apos; enregistré</translation>
    </message>
    <message>
        <source>snapshot &apos;%1&apos; restored</source>
        <translation>instantané &apos;%1&apos; restauré</translation>
    </message>
    <message>
        <source>snapshot %1 &apos;%2&apos; failed: %3</source>
        <translation>instantané : %1 de &apos;%2&apos; a échoué : %3</translation>
    </message>
    <message>
        <source>another snapshot operation is running</source>
        <translation>une autre opération d&apos;instantané est en cours</translation>
    </message>
    <message>
        <source>saving snapshot &apos;%1&apos;</source>
        <translation>enregistrement de l&apos;instantané &apos;%1&apos;</translation>
    </message>
    <message>
        <source>restoring snapshot &apos;%1&apos;</source>
        <translation>restauration de l&apos;instantané &apos;%1&apos;</translation>
    </message>
    <message>
        <source>no remote host is set (Settings)</source>
        <translation>aucun hôte distant n&apos;est défini (Paramètres)</translation>
    </message>
    <message>
        <source>cannot start the VM on %1: %2</source>
        <translation>impossible de démarrer la VM sur %1 : %2</translation>
    </message>
    <message>
        <source>reconnecting to %1 failed: %2</source>
        <translation>échec de la reconnexion à %1 : %2</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>connexion</translation>
    </message>
    <message>
        <source>connecting to %1</source>
        <translation>connexion à %1</translation>
    </message>
    <message>
        <source>attached to the VM already running on %1 (pid %2 there); sockets forwarded to %3</source>
        <translation>rattaché à la VM déjà en cours sur %1 (pid %2 là-bas) ; sockets redirigés vers %3</translation>
    </message>
    <message>
        <source>QEMU is up on %1 (pid %2 there, runtime directory %3); sockets forwarded to %4</source>
        <translation>QEMU tourne sur %1 (pid %2 là-bas, répertoire d&apos;exécution %3) ; sockets redirigés vers %4</translation>
    </message>
    <message>
        <source>%1 (the VM keeps running there; reconnecting)</source>
        <translation>%1 (la VM continue de tourner là-bas ; reconnexion)</translation>
    </message>
    <message>
        <source>reconnecting</source>
        <translation>reconnexion</translation>
    </message>
    <message>
        <source>reconnecting to %1</source>
        <translation>reconnexion à %1</translation>
    </message>
    <message>
        <source>reconnected to %1: the VM (pid %2 there) kept running</source>
        <translation>reconnecté à %1 : la VM (pid %2 là-bas) a continué de tourner</translation>
    </message>
    <message>
        <source>snapshots of a VM on a remote host are taken with sisctl --host %1 vm snapshot</source>
        <translation>les instantanés d&apos;une VM sur un hôte distant se prennent avec sisctl --host %1 vm snapshot</translation>
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
        <translation>Amorce le noyau pédagogique SIS dans QEMU et le montre en direct : métriques, console, fichiers, labo de plantage. Aucune machine virtuelle ne tourne.</translation>
    </message>
    <message>
        <source>Where the VM runs</source>
        <translation>Où tourne la VM</translation>
    </message>
    <message>
        <source>This computer (QEMU, TCG)</source>
        <translation>Cet ordinateur (QEMU, TCG)</translation>
    </message>
    <message>
        <source>Start with the default disk</source>
        <translation>Démarrer avec le disque par défaut</translation>
    </message>
    <message>
        <source>Boot the kernel with your copy of the build&apos;s default disk (sis-disk.img)</source>
        <translation>Amorcer le noyau avec votre copie du disque par défaut de la compilation (sis-disk.img)</translation>
    </message>
    <message>
        <source>Open disk image...</source>
        <translation>Ouvrir une image disque...</translation>
    </message>
    <message>
        <source>Choose a raw ext4 disk image and boot the kernel with it</source>
        <translation>Choisir une image disque ext4 brute et amorcer le noyau avec</translation>
    </message>
    <message>
        <source>Settings...</source>
        <translation>Paramètres...</translation>
    </message>
    <message>
        <source>&amp;Recent disks</source>
        <translation>Disques &amp;récents</translation>
    </message>
    <message>
        <source>Recent disks</source>
        <translation>Disques récents</translation>
    </message>
    <message>
        <source>Double-click or press Enter to start the VM with a disk</source>
        <translation>Double-cliquez ou appuyez sur Entrée pour démarrer la VM avec un disque</translation>
    </message>
    <message>
        <source>Disk images you start appear here.</source>
        <translation>Les images disque que vous démarrez apparaissent ici.</translation>
    </message>
    <message>
        <source>Start with the selected disk</source>
        <translation>Démarrer avec le disque choisi</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>Retirer de la liste</translation>
    </message>
    <message>
        <source>Forget the selected disk (the file stays)</source>
        <translation>Oublier le disque choisi (le fichier reste)</translation>
    </message>
    <message>
        <source>(missing)</source>
        <translation>(introuvable)</translation>
    </message>
    <message>
        <source>%1
last changed %2</source>
        <translation>%1
modifié le %2</translation>
    </message>
    <message>
        <source>%1
the file is gone</source>
        <translation>%1
le fichier a disparu</translation>
    </message>
    <message>
        <source>qemu-system-aarch64 was not found: install qemu-system-arm or set the QEMU binary in Settings.</source>
        <translation>qemu-system-aarch64 est introuvable : installez qemu-system-arm ou indiquez le programme QEMU dans les paramètres.</translation>
    </message>
    <message>
        <source>The kernel image was not found (%1): build it (cmake --build build --target kernel) or set it in Settings.</source>
        <translation>L&apos;image du noyau est introuvable (%1) : compilez-la (cmake --build build --target kernel) ou indiquez-la dans les paramètres.</translation>
    </message>
    <message>
        <source>Open disk image</source>
        <translation>Ouvrir une image disque</translation>
    </message>
    <message>
        <source>Disk images (*.img *.raw *.ext4);;All files (*)</source>
        <translation>Images disque (*.img *.raw *.ext4);;Tous les fichiers (*)</translation>
    </message>
</context>
<context>
    <name>sis::desktop::WriteCrashDialog</name>
    <message>
        <source>Write and crash</source>
        <translation>Écrire et planter</translation>
    </message>
    <message>
        <source>Writes your content to the file in the guest, cuts the power at the chosen point of the journal&apos;s work, reboots, and shows what survived and why.</source>
        <translation>Écrit votre contenu dans le fichier de l&apos;invité, coupe le courant au point choisi du travail du journal, redémarre et montre ce qui a survécu et pourquoi.</translation>
    </message>
    <message>
        <source>File in the guest:</source>
        <translation>Fichier dans l&apos;invité :</translation>
    </message>
    <message>
        <source>Type the content</source>
        <translation>Saisir le contenu</translation>
    </message>
    <message>
        <source>Take it from a host file</source>
        <translation>Le prendre d&apos;un fichier de l&apos;hôte</translation>
    </message>
    <message>
        <source>The content to write (at most %1 bytes)</source>
        <translation>Le contenu à écrire (%1 octets au plus)</translation>
    </message>
    <message>
        <source>Content to write</source>
        <translation>Contenu à écrire</translation>
    </message>
    <message>
        <source>Host file with the content</source>
        <translation>Fichier de l&apos;hôte contenant le contenu</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>Parcourir...</translation>
    </message>
    <message>
        <source>Content from a host file</source>
        <translation>Contenu d&apos;un fichier de l&apos;hôte</translation>
    </message>
    <message>
        <source>Crash point:</source>
        <translation>Point de plantage :</translation>
    </message>
    <message>
        <source>The file must be an absolute path in the guest.</source>
        <translation>Le fichier doit être un chemin absolu dans l&apos;invité.</translation>
    </message>
    <message>
        <source>Choose a host file.</source>
        <translation>Choisissez un fichier de l&apos;hôte.</translation>
    </message>
    <message>
        <source>%1 cannot be read.</source>
        <translation>%1 ne peut pas être lu.</translation>
    </message>
    <message>
        <source>The content is empty: a crash during the write needs something to write.</source>
        <translation>Le contenu est vide : un plantage pendant l&apos;écriture a besoin de quelque chose à écrire.</translation>
    </message>
    <message>
        <source>The content is larger than %1 bytes, the most one write-crash takes.</source>
        <translation>Le contenu dépasse %1 octets, le maximum pour un plantage pendant l&apos;écriture.</translation>
    </message>
    <message>
        <source>After the reboot the journal guarantees %1: %2</source>
        <translation>Après le redémarrage, le journal garantit %1 : %2</translation>
    </message>
    <message>
        <source>the new content</source>
        <translation>le nouveau contenu</translation>
    </message>
    <message>
        <source>the old content (or no file, for a new one)</source>
        <translation>l&apos;ancien contenu (ou pas de fichier, pour un nouveau)</translation>
    </message>
</context>
<context>
    <name>sis::desktop::WriteCrashRun</name>
    <message>
        <source>no result within %1 s</source>
        <translation>pas de résultat en %1 s</translation>
    </message>
    <message>
        <source>QEMU: GUEST_PANICKED; rebooting (QMP system_reset)</source>
        <translation>QEMU : GUEST_PANICKED ; redémarrage (QMP system_reset)</translation>
    </message>
    <message>
        <source>the VM was powered off</source>
        <translation>la VM a été éteinte</translation>
    </message>
    <message>
        <source>unknown crash point %1</source>
        <translation>point de plantage inconnu %1</translation>
    </message>
    <message>
        <source>the content must be 1 to %1 bytes</source>
        <translation>le contenu doit faire de 1 à %1 octets</translation>
    </message>
    <message>
        <source>the running kernel must offer the &quot;crash&quot; and &quot;fs&quot; capabilities</source>
        <translation>le noyau en marche doit offrir les capacités « crash » et « fs »</translation>
    </message>
    <message>
        <source>reading %1 as it is now</source>
        <translation>lecture de %1 tel qu&apos;il est maintenant</translation>
    </message>
    <message>
        <source>reading %1: %2</source>
        <translation>lecture de %1 : %2</translation>
    </message>
    <message>
        <source>crash.inject write-crash at %1: %2 bytes to %3</source>
        <translation>crash.inject write-crash à %1 : %2 octets vers %3</translation>
    </message>
    <message>
        <source>crash.inject refused: %1</source>
        <translation>crash.inject refusé : %1</translation>
    </message>
    <message>
        <source>kernel acknowledged: crashing now</source>
        <translation>le noyau a confirmé : plantage en cours</translation>
    </message>
    <message>
        <source>kernel back on the control port: asking what the journal did</source>
        <translation>noyau de retour sur le port de contrôle : on demande ce qu&apos;a fait le journal</translation>
    </message>
    <message>
        <source>reading %1 after the reboot: %2</source>
        <translation>lecture de %1 après le redémarrage : %2</translation>
    </message>
    <message>
        <source>e2fsck -fn on a copy of the disk (QMP stop, copy, cont)</source>
        <translation>e2fsck -fn sur une copie du disque (QMP stop, copie, cont)</translation>
    </message>
</context>
<context>
    <name>sis::desktop::WriteCrashView</name>
    <message>
        <source>What you wrote</source>
        <translation>Ce que vous avez écrit</translation>
    </message>
    <message>
        <source>What the disk holds now</source>
        <translation>Ce que contient le disque maintenant</translation>
    </message>
    <message>
        <source>What the journal did</source>
        <translation>Ce qu&apos;a fait le journal</translation>
    </message>
    <message>
        <source>e2fsck -fn (copy taken while paused)</source>
        <translation>e2fsck -fn (copie prise pendant la pause)</translation>
    </message>
    <message>
        <source>Crash point: %1 (%2), replacing the content of %3</source>
        <translation>Point de plantage : %1 (%2), remplace le contenu de %3</translation>
    </message>
    <message>
        <source>Crash point: %1 (%2), writing the new file %3</source>
        <translation>Point de plantage : %1 (%2), écrit le nouveau fichier %3</translation>
    </message>
    <message>
        <source>Why: %1</source>
        <translation>Pourquoi : %1</translation>
    </message>
    <message>
        <source>typed</source>
        <translation>saisi</translation>
    </message>
    <message>
        <source>from host file %1</source>
        <translation>depuis le fichier de l&apos;hôte %1</translation>
    </message>
    <message>
        <source>%1 bytes, %2
%3

%4</source>
        <translation>%1 octets, %2
%3

%4</translation>
    </message>
    <message>
        <source>(replacing %1 bytes of old content)</source>
        <translation>(remplace %1 octets d&apos;ancien contenu)</translation>
    </message>
    <message>
        <source>(a new file)</source>
        <translation>(un nouveau fichier)</translation>
    </message>
    <message>
        <source>(not read: the run stopped)</source>
        <translation>(non lu : l&apos;exécution s&apos;est arrêtée)</translation>
    </message>
    <message>
        <source>no file

%1 does not exist.</source>
        <translation>pas de fichier

%1 n&apos;existe pas.</translation>
    </message>
    <message>
        <source>%1, %2 bytes

%3</source>
        <translation>%1, %2 octets

%3</translation>
    </message>
    <message>
        <source>fs.journal: %1</source>
        <translation>fs.journal : %1</translation>
    </message>
    <message>
        <source>At the mount after the reboot:
%1

transactions replayed: %2 (%3 blocks)
transactions discarded (no commit block): %4 (%5 blocks)
revoked blocks skipped: %6</source>
        <translation>Au montage après le redémarrage :
%1

transactions rejouées : %2 (%3 blocs)
transactions écartées (pas de bloc de commit) : %4 (%5 blocs)
blocs révoqués ignorés : %6</translation>
    </message>
    <message>
        <source>

At the crash, the kernel said:
%1</source>
        <translation>

Au plantage, le noyau a dit :
%1</translation>
    </message>
    <message>
        <source>clean (exit status 0)</source>
        <translation>propre (code de sortie 0)</translation>
    </message>
    <message>
        <source>problems found (exit status %1)</source>
        <translation>problèmes trouvés (code de sortie %1)</translation>
    </message>
    <message>
        <source>not run</source>
        <translation>non exécuté</translation>
    </message>
    <message>
        <source>not run: %1</source>
        <translation>non exécuté : %1</translation>
    </message>
    <message>
        <source>
The VM was paused for %1 ms to copy its disk.</source>
        <translation>
La VM a été mise en pause %1 ms pour copier son disque.</translation>
    </message>
    <message>
        <source>
(The guest has the file system mounted, so it is flagged needs_recovery; e2fsck -n never writes, so it leaves the journal alone and checks the file system as it is on the disk.)</source>
        <translation>
(L&apos;invité a le système de fichiers monté, il est donc marqué needs_recovery ; e2fsck -n n&apos;écrit jamais, il laisse donc le journal tel quel et vérifie le système de fichiers tel qu&apos;il est sur le disque.)</translation>
    </message>
    <message>
        <source>The run did not finish: %1</source>
        <translation>L&apos;exécution ne s&apos;est pas terminée : %1</translation>
    </message>
    <message>
        <source>Outcome: %1 is on the disk, as the journal guarantees at this point: correct.</source>
        <translation>Résultat : %1 est sur le disque, comme le journal le garantit à ce point : correct.</translation>
    </message>
    <message>
        <source> But e2fsck did not find the disk clean.</source>
        <translation> Mais e2fsck n&apos;a pas trouvé le disque propre.</translation>
    </message>
    <message>
        <source>Outcome: %1 is on the disk, but the journal guarantees %2 here: WRONG.</source>
        <translation>Résultat : %1 est sur le disque, mais le journal garantit ici %2 : FAUX.</translation>
    </message>
</context>
</TS>
