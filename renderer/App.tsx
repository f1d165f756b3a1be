import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { Problem } from '../shared/graph/index';
import type { ApiClient } from '../shared/protocol/api';
import { useExamples } from './window/useExamples';
import { useMenuCommands } from './window/useMenuCommands';
import { useMessages } from './window/useMessages';
import { Canvas } from './canvas/Canvas';
import { useCanvasCommands } from './canvas/useCanvasCommands';
import { PLATFORM, useShortcuts } from './canvas/useShortcuts';
import { Inspector } from './panels/inspector/Inspector';
import { Palette } from './panels/palette/Palette';
import { ProblemsPanel } from './panels/problems/ProblemsPanel';
import { SidePanel } from './panels/side/SidePanel';
import { INSPECTOR_OPEN, PALETTE_OPEN } from './panels/side/side-flags';
import { StartScreen } from './panels/start/StartScreen';
import { takeEarlyStart } from './panels/start/early-start';
import { StatusLine } from './panels/StatusLine';
import { DialogHost } from './panels/dialogs/DialogHost';
import { Toast } from './panels/Toast';
import { TopBar, type TopBarCommand } from './panels/topbar/TopBar';
import { baseName } from './panels/files/recentFiles';
import { useDocumentFiles } from './panels/files/useDocumentFiles';
import { formatShortcut, shortcutFor, type ShortcutAction } from './store/index';
import { editorStore, useEditor } from './store/use-editor';
import { isLive } from './store/runs-store';
import { useRuns } from './store/use-runs';
import type { RunNotice } from './panels/dock/run-notices';
import { useRunCommands } from './panels/dock/useRunCommands';
import { useRunSync } from './panels/dock/useRunSync';
import { TrainControls } from './panels/train-controls/TrainControls';
import { durationLabel } from './panels/train-controls/duration-label';
import { useBackend } from './panels/train-controls/useBackend';
import { useTraining } from './panels/train-controls/useTraining';
import { useTrainCommand } from './panels/train-controls/useTrainCommand';
import { useDataChecks } from './panels/data-checks/useDataChecks';
import { labStore, useLab } from './panels/lab/lab-store';
import { useLabCommands } from './panels/lab/useLabCommands';
import { useLabSync } from './panels/lab/useLabSync';
import { MathsPanel } from './panels/maths/MathsPanel';
import { MATHS_OPEN } from './panels/maths/maths-flag';
import { useStoredFlag } from './window/stored-flag';

// Loaded when first needed, not before the start screen: the dock and the chart capture bring the
// charting library (about a third of the editor's code).
const TrainingDock = lazy(() => import('./panels/dock/TrainingDock').then((m) => ({ default: m.TrainingDock })));
const collectRunCharts: typeof import('./panels/export/collect-run-charts').collectRunCharts = async (api, runId) =>
  (await import('./panels/export/collect-run-charts')).collectRunCharts(api, runId);

/** Calls `onMount` once it is committed (inside a Suspense boundary: once what it waited for is shown). */
function Mounted({ onMount }: { readonly onMount: () => void }) {
  const call = useRef(onMount);
  useEffect(() => call.current(), []);
  return null;
}

/** Props of {@link App}. */
export interface AppProps {
  /** The back end (Electron IPC or the web server's WebSocket). */
  readonly api: ApiClient;
}

const TOPBAR_SHORTCUTS: Partial<Record<TopBarCommand, ShortcutAction>> = { new: 'new', open: 'open', save: 'save', saveAs: 'saveAs', layout: 'autoLayout', undo: 'undo', redo: 'redo', maths: 'toggleMaths' };

/**
 * The editor window: top bar, palette, canvas with the start screen over an empty document and
 * the maths panel beside it, inspector, problems panel and status line; the keyboard shortcuts and
 * the file commands.
 * Must be rendered inside a ReactFlowProvider.
 */
export function App({ api }: AppProps) {
  const { info, alert, notify, dismissAlert, documentEdited } = useMessages();
  const [hint, setHint] = useState<string | null>(null);
  const onRefused = useCallback((reason: string) => notify(reason, 'alert'), [notify]);

  const notifyRun = useCallback((n: RunNotice) => notify(n.text, n.tone), [notify]);
  useRunSync(api, notifyRun);
  useDataChecks(api);
  useLabSync(api);
  const labCommands = useLabCommands(api);
  const labOpened = useLab((s) => s.opened);
  const training = useTraining(api, notifyRun);
  const [backend] = useBackend();
  const runCount = useRuns((s) => s.order.length);
  const liveRun = useRuns((s) => {
    const run = s.activeRunId ? s.runs[s.activeRunId]?.summary : undefined;
    return run && isLive(run) ? run : null;
  });
  const duration = useEditor((s) => s.training.duration);
  const durationText = durationLabel(duration);

  const canvas = useCanvasCommands();
  const flow = useReactFlow();
  const files = useDocumentFiles({ api, notify, restoreView: canvas.restoreView });

  const { examples, error: examplesError } = useExamples(api);

  const nodeCount = useEditor((s) => s.nodes.length);
  const edgeCount = useEditor((s) => s.edges.length);
  const filePath = useEditor((s) => s.filePath);
  const dirty = useEditor((s) => s.dirty);
  const canUndo = useEditor((s) => s.canUndo);
  const canRedo = useEditor((s) => s.canRedo);
  const problems = useEditor((s) => s.problems);
  const graphNodes = useEditor((s) => s.graph.nodes);
  const nodeNames = useMemo(() => new Map(graphNodes.map((n) => [n.id, n.name])), [graphNodes]);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const blocked = nodeCount === 0 ? 'Add a model to the canvas first' : errors > 0 ? `Fix the ${errors} problem${errors === 1 ? '' : 's'} listed below before training` : null;
  // The keyboard and menu handlers are made once; they read these at the moment they run.
  const trainBlocked = useRef(blocked);
  trainBlocked.current = blocked;
  const liveRef = useRef(liveRun);
  liveRef.current = liveRun;
  const trainCommand = useTrainCommand(training, backend, liveRun);

  // "Saved vae.json" is untrue once the document differs from the file (an edit, an undo).
  useEffect(() => {
    if (dirty) documentEdited();
  }, [dirty, documentEdited]);

  const fileName = filePath ? baseName(filePath) : null;
  useEffect(() => {
    document.title = `${dirty ? '● ' : ''}${fileName ?? 'Untitled'} — Latent Studio`;
  }, [dirty, fileName]);

  const autoLayout = useCallback(() => {
    canvas.autoLayout().catch((e: unknown) => notify(`Auto-layout failed: ${e instanceof Error ? e.message : String(e)}`, 'alert'));
  }, [canvas, notify]);

  const actions: Record<ShortcutAction, () => void> = useMemo(() => {
    const s = () => editorStore.getState();
    return {
      new: files.newDocument,
      open: files.open,
      save: () => void files.save(),
      saveAs: () => void files.saveAs(),
      undo: () => s().undo(),
      redo: () => s().redo(),
      copy: () => {
        s().copy();
        const n = s().selectedNodeIds.length;
        if (n) notify(`Copied ${n} node${n === 1 ? '' : 's'}`);
      },
      paste: () => void s().paste(),
      duplicate: () => void s().duplicate(),
      delete: () => s().removeSelection(),
      selectAll: () => s().selectAll(),
      autoLayout,
      train: () => {
        if (trainBlocked.current) notify(trainBlocked.current, 'alert');
        else trainCommand.train();
      },
      toggleMaths: () => MATHS_OPEN.set(!MATHS_OPEN.get()),
    };
  }, [files, notify, autoLayout, trainCommand]);

  useShortcuts(actions);

  // The desktop app's native menu issues the same commands.
  useMenuCommands({
    'file.new': actions.new,
    'file.open': actions.open,
    'file.openRecent': (m) => m.path && files.openPath(m.path),
    'file.save': actions.save,
    'file.saveAs': actions.saveAs,
    'edit.undo': actions.undo,
    'edit.redo': actions.redo,
    'edit.duplicate': actions.duplicate,
    'edit.delete': actions.delete,
    'edit.selectAll': actions.selectAll,
    'view.autoLayout': actions.autoLayout,
    'view.zoomIn': () => void flow.zoomIn(),
    'view.zoomOut': () => void flow.zoomOut(),
    'view.zoomReset': () => void flow.zoomTo(1),
    'view.fitView': canvas.fitAll,
    'run.train': actions.train,
    'run.stop': () => liveRef.current && void training.stop(liveRef.current.id),
    'run.lab': () => labStore.getState().show(),
    'view.maths': actions.toggleMaths,
  });

  const shortcuts = useMemo(() => {
    const out: Partial<Record<TopBarCommand, string>> = {};
    for (const [cmd, action] of Object.entries(TOPBAR_SHORTCUTS)) out[cmd as TopBarCommand] = formatShortcut(shortcutFor(action).keys[0]!, PLATFORM);
    return out;
  }, []);

  const onCommand = useCallback(
    (c: TopBarCommand) => {
      if (c === 'layout') actions.autoLayout();
      else if (c === 'lab') labStore.getState().show();
      else if (c === 'maths') actions.toggleMaths();
      else actions[c]();
    },
    [actions],
  );

  // A choice made on the start screen while this code was loading (StartPreview), carried out now.
  useEffect(() => {
    const early = takeEarlyStart();
    if (early?.kind === 'example') files.openExample(early.example, early.file);
    else if (early?.kind === 'empty') files.startEmpty();
    else if (early?.kind === 'recent') files.openPath(early.path);
    else if (early?.kind === 'command') onCommand(early.command);
    // Once, when the editor first mounts (files and onCommand are those of that render).
  }, []);

  const onAdd = useCallback(
    (kind: string) => {
      files.startEmpty();
      const r = canvas.addAtCentre(kind);
      if (!r.ok) notify(r.reason, 'alert');
    },
    [canvas, files, notify],
  );

  // The dock takes room from the canvas when it first appears: keep the whole graph in view.
  // (It appears with the first run, or earlier when the estimator lab is opened.)
  // Fitted once the dock is there (its code loads on first use), not when it is asked for.
  const dockShown = runCount > 0 || labOpened;
  const onDockMounted = useCallback(() => {
    if (editorStore.getState().nodes.length > 0) requestAnimationFrame(() => canvas.fitAll());
  }, [canvas]);

  // The maths panel takes its width from the canvas (and gives it back): keep the whole graph in view.
  const [mathsOpen] = useStoredFlag(MATHS_OPEN);
  const mathsWas = useRef(mathsOpen);
  useEffect(() => {
    if (mathsOpen !== mathsWas.current && nodeCount > 0) canvas.fitAll();
    mathsWas.current = mathsOpen;
  }, [mathsOpen, nodeCount, canvas]);

  const showStart = nodeCount === 0 && filePath === null && !files.startDismissed;

  const runCommands = useRunCommands({ api, openText: files.openText, notify: notifyRun });

  // A problem's target, shown: its node, its edge, or (nothing selected) the Training settings.
  const showProblem = useCallback(
    (p: Problem) => {
      if (p.nodeId) canvas.showNode(p.nodeId);
      else if (p.edgeId) canvas.showEdge(p.edgeId);
      else if (p.area === 'training') editorStore.getState().clearSelection();
    },
    [canvas],
  );

  return (
    <div className="app">
      <a className="skip-link" href="#canvas">
        Skip to canvas
      </a>
      <TopBar
        fileName={fileName}
        filePath={filePath}
        dirty={dirty}
        canUndo={canUndo}
        canRedo={canRedo}
        canLayout={nodeCount > 0}
        mathsOpen={mathsOpen}
        shortcuts={shortcuts}
        onCommand={onCommand}
        mode={files.mode}
        trailing={
          <TrainControls
            blocked={blocked}
            durationLabel={durationText}
            live={liveRun}
            shortcut={formatShortcut(shortcutFor('train').keys[0]!, PLATFORM)}
            onTrain={trainCommand.train}
            onPause={(id) => void training.pause(id)}
            onResume={(id) => void training.resume(id)}
            onStop={(id) => void training.stop(id)}
          />
        }
      />
      <SidePanel side="left" title="Palette" open={PALETTE_OPEN} bodyId="palette-panel" className="side--palette">
        <Palette onAdd={onAdd} />
      </SidePanel>
      <main className="center">
        <div className="canvas-row">
          <div className="canvas-area">
            <Canvas onHint={setHint} onRefused={onRefused} />
            {showStart ? (
              <StartScreen
                examples={examples}
                error={examplesError}
                recent={files.recent}
                onExample={files.openExample}
                onEmpty={files.startEmpty}
                onOpen={files.open}
                onRecent={files.openPath}
              />
            ) : null}
            <Toast hint={hint} alert={alert} onDismiss={dismissAlert} />
          </div>
          {mathsOpen ? <MathsPanel onClose={() => MATHS_OPEN.set(false)} onShowNode={canvas.showNode} onProblem={showProblem} /> : null}
        </div>
        {dockShown ? (
          <Suspense fallback={null}>
            <TrainingDock
              labCommands={labCommands}
              folded={showStart}
              onShowNode={(id) => canvas.showNode(id)}
              onResume={(id) => void training.resume(id)}
              onStop={(id) => void training.stop(id)}
              onOpenGraph={runCommands.openGraph}
              onExport={runCommands.exportRun}
              onDelete={runCommands.deleteRun}
              onRemoveNotStarted={runCommands.removeRuns}
              onImport={runCommands.importBundle}
            />
            <Mounted onMount={onDockMounted} />
          </Suspense>
        ) : null}
        <ProblemsPanel problems={problems} empty={nodeCount === 0} nodeNames={nodeNames} onActivate={showProblem} />
      </main>
      <SidePanel side="right" title="Inspector" open={INSPECTOR_OPEN} bodyId="inspector-panel" className="side--inspector">
        <Inspector onRefused={onRefused} />
      </SidePanel>
      <StatusLine message={info} errors={errors} warnings={problems.length - errors} nodes={nodeCount} edges={edgeCount} />
      <DialogHost api={api} mode={files.mode} collectCharts={(runId) => collectRunCharts(api, runId)} notify={notifyRun} />
    </div>
  );
}
