<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ActivityLanesView</name>
    <message>
        <source>Point at a lane to read what that process is doing. Ticks: an item put or sent (top), got or received (bottom); click one to follow its way.</source>
        <translation>指向泳道，看进程在做什么。刻度：上为放入/发送，下为取出/接收；点击刻度可追踪去向。</translation>
    </message>
    <message>
        <source>{name}: idle (running code that IPC Scope does not trace)</source>
        <translation>{name}：空闲（在运行 IPC Scope 不追踪的代码）</translation>
    </message>
    <message>
        <source>{name}: not started yet</source>
        <translation>{name}：尚未启动</translation>
    </message>
</context>
<context>
    <name>AnimationExport</name>
    <message>
        <source>GIF (plays anywhere, loops)</source>
        <translation>GIF（到处都能播放，循环）</translation>
    </message>
    <message>
        <source>GIF images (*.gif)</source>
        <translation>GIF 图片 (*.gif)</translation>
    </message>
    <message>
        <source>MP4 videos (*.mp4)</source>
        <translation>MP4 视频 (*.mp4)</translation>
    </message>
    <message>
        <source>WebM videos (*.webm)</source>
        <translation>WebM 视频 (*.webm)</translation>
    </message>
    <message>
        <source>Nothing to animate yet: run a scenario to its end, or open a saved run.</source>
        <translation>还没有可做成动画的内容：先把一个场景运行到结束，或打开已保存的运行。</translation>
    </message>
    <message>
        <source>Animation (GIF, MP4, WebM)…</source>
        <translation>动画 (GIF, MP4, WebM)…</translation>
    </message>
    <message>
        <source>The run&apos;s replay as an animation, for slides</source>
        <translation>把运行的回放做成动画，用于幻灯片</translation>
    </message>
    <message>
        <source>Export an animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <source>Making the animation…</source>
        <translation>正在制作动画…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>The animation was cancelled.</source>
        <translation>动画已取消。</translation>
    </message>
    <message>
        <source>Exported {frames} frames to {path} ({mb} MB).</source>
        <translation>已把 {frames} 帧导出到 {path}（{mb} MB）。</translation>
    </message>
    <message>
        <source> px wide (16:9)</source>
        <translation> 像素宽 (16:9)</translation>
    </message>
    <message>
        <source> frames a second</source>
        <translation> 帧/秒</translation>
    </message>
    <message>
        <source>× the run&apos;s pace</source>
        <translation>× 运行的节奏</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>尺寸</translation>
    </message>
    <message>
        <source>Frame rate</source>
        <translation>帧率</translation>
    </message>
    <message>
        <source>Replay speed</source>
        <translation>回放速度</translation>
    </message>
</context>
<context>
    <name>BottomArea</name>
    <message>
        <source>Source code</source>
        <translation>源代码</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>事件日志</translation>
    </message>
</context>
<context>
    <name>CompareAction</name>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Run the scenario twice at once, with one parameter changed, one above the other on one time axis; or open two saved runs side by side (Ctrl+D)</source>
        <translation>同时把场景运行两次，只改一个参数，上下排列、共用一条时间轴；或并排打开两个保存的运行 (Ctrl+D)</translation>
    </message>
    <message>
        <source>Compare runs a scenario with one parameter changed, or edited code against the original (Edit in the source view); a program of your own can also be compared from two saved runs (Open two runs…).</source>
        <translation>对比会运行改了一个参数的场景, 或把修改后的代码与原来的代码对比 (在源代码视图中点&quot;编辑&quot;); 你自己的程序也可以用两个保存的运行来对比 (打开两个运行…)。</translation>
    </message>
    <message>
        <source>Fix the parameter marked in the form first.</source>
        <translation>请先改正表单中标出的参数。</translation>
    </message>
</context>
<context>
    <name>CompareChoice</name>
    <message>
        <source>B changes</source>
        <translation>B 改变</translation>
    </message>
    <message>
        <source>to</source>
        <translation>为</translation>
    </message>
    <message>
        <source>The parameter B runs with another value</source>
        <translation>B 用另一个值运行的参数</translation>
    </message>
    <message>
        <source>the code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>the original</source>
        <translation>原来的代码</translation>
    </message>
    <message>
        <source>A runs the code as edited in the source view, B the code as it was, with the same parameters</source>
        <translation>A 运行源代码视图中修改后的代码, B 运行原来的代码, 参数相同</translation>
    </message>
</context>
<context>
    <name>CompareWindow</name>
    <message>
        <source>Compare A and B — IPC Scope</source>
        <translation>对比 A 和 B — IPC Scope</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <source>Run A and B</source>
        <translation>运行 A 和 B</translation>
    </message>
    <message>
        <source>Run the scenario as the main window has it (A) and with the parameter changed (B), at the same time (Space)</source>
        <translation>同时运行主窗口中的场景 (A) 和改了参数的场景 (B)（空格）</translation>
    </message>
    <message>
        <source>Freeze both views while the runs go on (Space)</source>
        <translation>冻结两个视图，运行继续（空格）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop both runs: every process ends within 2 s (Esc)</source>
        <translation>停止两个运行：每个进程在 2 秒内结束 (Esc)</translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <source>Show both runs whole on the time axis</source>
        <translation>在时间轴上完整显示两个运行</translation>
    </message>
    <message>
        <source>Open two runs…</source>
        <translation>打开两个运行…</translation>
    </message>
    <message>
        <source>Open two saved runs (.ipcscope files), A above B</source>
        <translation>打开两个保存的运行（.ipcscope 文件），A 在上 B 在下</translation>
    </message>
    <message>
        <source>{side}: {what}</source>
        <translation>{side}：{what}</translation>
    </message>
    <message>
        <source>the edited code</source>
        <translation>修改后的代码</translation>
    </message>
    <message>
        <source>the original code</source>
        <translation>原来的代码</translation>
    </message>
    <message>
        <source>{what}, edited code</source>
        <translation>{what}, 修改后的代码</translation>
    </message>
    <message>
        <source>The code is no longer edited, so A and B would run the same code: edit it in the source view.</source>
        <translation>代码已不再是修改过的, A 和 B 会运行同样的代码: 请先在源代码视图中修改。</translation>
    </message>
    <message>
        <source>B runs with the same {key} as A: pick another value for B.</source>
        <translation>B 的 {key} 与 A 相同：请为 B 选另一个值。</translation>
    </message>
    <message>
        <source>Open two saved runs: A, then B</source>
        <translation>打开两个保存的运行：先 A，后 B</translation>
    </message>
    <message>
        <source>Pick two saved runs: the first is A, the second B.</source>
        <translation>请选两个保存的运行：第一个是 A，第二个是 B。</translation>
    </message>
    <message>
        <source>Stop the runs first, then open the files.</source>
        <translation>请先停止运行，再打开文件。</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>{path} holds no events, so there is nothing to show.</source>
        <translation>{path} 没有事件，没有可显示的内容。</translation>
    </message>
</context>
<context>
    <name>DifferencesStrip</name>
    <message>
        <source>{kind} only in A</source>
        <translation>{kind} 只在 A 中</translation>
    </message>
    <message>
        <source>{kind} only in B</source>
        <translation>{kind} 只在 B 中</translation>
    </message>
    <message>
        <source>Run A and B (or open two saved runs): what differs between them is listed here once both have ended.</source>
        <translation>运行 A 和 B（或打开两个保存的运行）：两者都结束后，这里列出它们的不同之处。</translation>
    </message>
    <message>
        <source>A and B are running: what differs is listed here once both have ended.</source>
        <translation>A 和 B 正在运行：两者都结束后，这里列出不同之处。</translation>
    </message>
    <message>
        <source>What differs (A → B):</source>
        <translation>不同之处 (A → B)：</translation>
    </message>
    <message>
        <source>A and B do not differ.</source>
        <translation>A 和 B 没有不同。</translation>
    </message>
</context>
<context>
    <name>EventLog</name>
    <message>
        <source>time (s)</source>
        <translation>时间 (s)</translation>
    </message>
    <message>
        <source>process</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>event</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>detail</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>事件日志</translation>
    </message>
    <message>
        <source>follow newest</source>
        <translation>跟随最新</translation>
    </message>
    <message>
        <source>all events</source>
        <translation>全部事件</translation>
    </message>
    <message>
        <source>only: {kind}</source>
        <translation>仅：{kind}</translation>
    </message>
    <message>
        <source>all processes</source>
        <translation>全部进程</translation>
    </message>
    <message>
        <source>{n} rows</source>
        <translation>{n} 行</translation>
    </message>
</context>
<context>
    <name>EventText</name>
    <message>
        <source>start</source>
        <translation>启动</translation>
    </message>
    <message>
        <source>exit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>target ends</source>
        <translation>target 结束</translation>
    </message>
    <message>
        <source>child exit</source>
        <translation>子进程退出</translation>
    </message>
    <message>
        <source>spawned</source>
        <translation>已创建进程</translation>
    </message>
    <message>
        <source>gone</source>
        <translation>已断开</translation>
    </message>
    <message>
        <source>run end</source>
        <translation>运行结束</translation>
    </message>
    <message>
        <source>run stopping</source>
        <translation>运行停止中</translation>
    </message>
    <message>
        <source>put waits</source>
        <translation>put 等待</translation>
    </message>
    <message>
        <source>put</source>
        <translation>put</translation>
    </message>
    <message>
        <source>Full</source>
        <translation>Full</translation>
    </message>
    <message>
        <source>get waits</source>
        <translation>get 等待</translation>
    </message>
    <message>
        <source>get</source>
        <translation>get</translation>
    </message>
    <message>
        <source>Empty</source>
        <translation>Empty</translation>
    </message>
    <message>
        <source>task_done</source>
        <translation>task_done</translation>
    </message>
    <message>
        <source>join waits</source>
        <translation>join 等待</translation>
    </message>
    <message>
        <source>join returns</source>
        <translation>join 返回</translation>
    </message>
    <message>
        <source>send</source>
        <translation>send</translation>
    </message>
    <message>
        <source>recv waits</source>
        <translation>recv 等待</translation>
    </message>
    <message>
        <source>recv</source>
        <translation>recv</translation>
    </message>
    <message>
        <source>EOFError</source>
        <translation>EOFError</translation>
    </message>
    <message>
        <source>recv broken</source>
        <translation>recv 收到损坏消息</translation>
    </message>
    <message>
        <source>close end</source>
        <translation>关闭端</translation>
    </message>
    <message>
        <source>holds end</source>
        <translation>持有端</translation>
    </message>
    <message>
        <source>lock waits</source>
        <translation>等锁</translation>
    </message>
    <message>
        <source>lock acquired</source>
        <translation>拿到锁</translation>
    </message>
    <message>
        <source>lock released</source>
        <translation>释放锁</translation>
    </message>
    <message>
        <source>dict read</source>
        <translation>读字典</translation>
    </message>
    <message>
        <source>dict write</source>
        <translation>写字典</translation>
    </message>
    <message>
        <source>work</source>
        <translation>工作</translation>
    </message>
    <message>
        <source>work done</source>
        <translation>工作完成</translation>
    </message>
    <message>
        <source>gate waits</source>
        <translation>起跑门等待</translation>
    </message>
    <message>
        <source>gate opens</source>
        <translation>起跑门打开</translation>
    </message>
    <message>
        <source>print</source>
        <translation>print</translation>
    </message>
    <message>
        <source>exception</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>stderr</source>
        <translation>stderr</translation>
    </message>
    <message>
        <source>create</source>
        <translation>创建</translation>
    </message>
    <message>
        <source>Process.join waits</source>
        <translation>Process.join 等待</translation>
    </message>
    <message>
        <source>Process.join returns</source>
        <translation>Process.join 返回</translation>
    </message>
    <message>
        <source>waits on</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>wait ends</source>
        <translation>等待结束</translation>
    </message>
    <message>
        <source>signal</source>
        <translation>通知</translation>
    </message>
    <message>
        <source>task failed</source>
        <translation>任务失败</translation>
    </message>
    <message>
        <source>waits at</source>
        <translation>等待于</translation>
    </message>
    <message>
        <source>items (put / get / send / recv)</source>
        <translation>数据项 (put / get / send / recv)</translation>
    </message>
    <message>
        <source>waits and locks</source>
        <translation>等待和锁</translation>
    </message>
    <message>
        <source>prints and errors</source>
        <translation>输出和错误</translation>
    </message>
    <message>
        <source>processes (start / exit)</source>
        <translation>进程 (启动 / 退出)</translation>
    </message>
    <message>
        <source>shared dict</source>
        <translation>共享字典</translation>
    </message>
    <message>
        <source>, waited {s}</source>
        <translation>，等了 {s}</translation>
    </message>
    <message>
        <source>put item {item}</source>
        <translation>put 了数据项 {item}</translation>
    </message>
    <message>
        <source>got None (the sentinel)</source>
        <translation>get 到 None（哨兵）</translation>
    </message>
    <message>
        <source>got item {item}</source>
        <translation>get 到数据项 {item}</translation>
    </message>
    <message>
        <source>queue is full: put() waits for room</source>
        <translation>队列满了：put() 等待空位</translation>
    </message>
    <message>
        <source>queue.Full: item {item} lost</source>
        <translation>queue.Full：数据项 {item} 丢失</translation>
    </message>
    <message>
        <source>queue is empty: get() waits forever</source>
        <translation>队列空了：get() 一直等待</translation>
    </message>
    <message>
        <source>queue is empty: get() waits up to {s}</source>
        <translation>队列空了：get() 最多等 {s}</translation>
    </message>
    <message>
        <source> after {s}</source>
        <translation>，{s} 之后</translation>
    </message>
    <message>
        <source>sent item {item} from end {end}</source>
        <translation>从端 {end} 发送数据项 {item}</translation>
    </message>
    <message>
        <source>received item {item} on end {end}</source>
        <translation>在端 {end} 收到数据项 {item}</translation>
    </message>
    <message>
        <source>(not a number)</source>
        <translation>（不是数字）</translation>
    </message>
    <message>
        <source>read {key} = {value}</source>
        <translation>读 {key} = {value}</translation>
    </message>
    <message>
        <source>wrote {key} = {value}</source>
        <translation>写 {key} = {value}</translation>
    </message>
    <message>
        <source>time.sleep: works for {s}</source>
        <translation>time.sleep：工作 {s}</translation>
    </message>
    <message>
        <source>{name} started, pid {pid}</source>
        <translation>{name} 已启动，pid {pid}</translation>
    </message>
    <message>
        <source>exits: {why} (code {code})</source>
        <translation>退出：{why}（退出码 {code}）</translation>
    </message>
    <message>
        <source>process with pid {pid} ended with exit code {code}</source>
        <translation>pid {pid} 的进程结束，退出码 {code}</translation>
    </message>
    <message>
        <source>started a process, pid {pid}</source>
        <translation>启动了一个进程，pid {pid}</translation>
    </message>
    <message>
        <source>raised</source>
        <translation>抛出异常</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>已返回</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>IPC Scope traces ({pattern});;All files (*)</source>
        <translation>IPC Scope 运行记录 ({pattern});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Python programs (*.py);;All files (*)</source>
        <translation>Python 程序 (*.py);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Write this run to a trace file (Ctrl+S)</source>
        <translation>把这次运行写入记录文件 (Ctrl+S)</translation>
    </message>
    <message>
        <source>The run is still going: Save run… works once it has ended. Stop (Esc) ends it now and keeps every event it recorded.</source>
        <translation>运行还在进行：结束后才能“保存运行…”。停止 (Esc) 会立即结束它，并保留已记录的每个事件。</translation>
    </message>
    <message>
        <source>Nothing to save yet: run a scenario, or open a saved run.</source>
        <translation>还没有可保存的内容：先运行一个场景，或打开已保存的运行。</translation>
    </message>
    <message>
        <source>Save run…</source>
        <translation>保存运行…</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Open a saved run; you can also drop the file on the window (Ctrl+O)</source>
        <translation>打开已保存的运行；也可以把文件拖到窗口上 (Ctrl+O)</translation>
    </message>
    <message>
        <source>Open script…</source>
        <translation>打开脚本…</translation>
    </message>
    <message>
        <source>Add a Python program of your own to the list, to run it traced; you can also drop the .py file on the window (Ctrl+Shift+O)</source>
        <translation>把你自己的 Python 程序加入列表，以追踪方式运行；也可以把 .py 文件拖到窗口上 (Ctrl+Shift+O)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Export the plots as a picture, or the run for Perfetto or as CSV</source>
        <translation>把图表导出为图片，或把运行导出给 Perfetto 或为 CSV</translation>
    </message>
    <message>
        <source>Plots as PNG…</source>
        <translation>图表导出为 PNG…</translation>
    </message>
    <message>
        <source>Plots as SVG…</source>
        <translation>图表导出为 SVG…</translation>
    </message>
    <message>
        <source>Run for Perfetto (Chrome JSON)…</source>
        <translation>运行导出给 Perfetto (Chrome JSON)…</translation>
    </message>
    <message>
        <source>Events as CSV…</source>
        <translation>事件导出为 CSV…</translation>
    </message>
    <message>
        <source>Stop the run first, then open the file.</source>
        <translation>请先停止运行，再打开文件。</translation>
    </message>
    <message>
        <source>{path} is a run of a scenario this IPC Scope does not know ({scenario}).</source>
        <translation>{path} 是一个本 IPC Scope 不认识的场景的运行 ({scenario})。</translation>
    </message>
    <message>
        <source>{path} holds no events, so there is nothing to show.</source>
        <translation>{path} 没有任何事件，没有可显示的内容。</translation>
    </message>
    <message>
        <source>Saving the run to {path} once it is summed up…</source>
        <translation>汇总完成后就把运行保存到 {path}…</translation>
    </message>
    <message>
        <source>This run has no summary (IPC Scope hit an error while summing it up), so it cannot be saved.</source>
        <translation>这次运行没有汇总（IPC Scope 汇总时出错），所以无法保存。</translation>
    </message>
    <message>
        <source>Saved the run to {path}.</source>
        <translation>运行已保存到 {path}。</translation>
    </message>
    <message>
        <source>Could not write the PNG to {path}.</source>
        <translation>无法把 PNG 写入 {path}。</translation>
    </message>
    <message>
        <source>Could not write the SVG to {path}.</source>
        <translation>无法把 SVG 写入 {path}。</translation>
    </message>
    <message>
        <source>Exported to {path}.</source>
        <translation>已导出到 {path}。</translation>
    </message>
    <message>
        <source>Open a run</source>
        <translation>打开运行</translation>
    </message>
    <message>
        <source>Open a Python program</source>
        <translation>打开 Python 程序</translation>
    </message>
    <message>
        <source>Save the run</source>
        <translation>保存运行</translation>
    </message>
    <message>
        <source>Export the plots as PNG</source>
        <translation>把图表导出为 PNG</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <source>Export the plots as SVG</source>
        <translation>把图表导出为 SVG</translation>
    </message>
    <message>
        <source>SVG images (*.svg)</source>
        <translation>SVG 图片 (*.svg)</translation>
    </message>
    <message>
        <source>Export for Perfetto</source>
        <translation>导出给 Perfetto</translation>
    </message>
    <message>
        <source>Chrome trace JSON (*.json)</source>
        <translation>Chrome 追踪 JSON (*.json)</translation>
    </message>
    <message>
        <source>Export the events as CSV</source>
        <translation>把事件导出为 CSV</translation>
    </message>
</context>
<context>
    <name>FindingBadge</name>
    <message>
        <source>Findings of this run: click to show the first</source>
        <translation>这次运行的发现：点击显示第一个</translation>
    </message>
    <message>
        <source>{n} finding</source>
        <translation>{n} 个发现</translation>
    </message>
    <message>
        <source>{n} findings</source>
        <translation>{n} 个发现</translation>
    </message>
</context>
<context>
    <name>FindingBanner</name>
    <message>
        <source>(+{n} more)</source>
        <translation>（另有 {n} 个）</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>at {t} s</source>
        <translation>于 {t} s</translation>
    </message>
    <message>
        <source>No findings: nothing went wrong that IPC Scope knows of.</source>
        <translation>没有发现：没有出现 IPC Scope 所知道的问题。</translation>
    </message>
    <message>
        <source>Processes:</source>
        <translation>进程：</translation>
    </message>
    <message>
        <source>Objects:</source>
        <translation>对象：</translation>
    </message>
    <message>
        <source>Fix: </source>
        <translation>修正：</translation>
    </message>
</context>
<context>
    <name>ItemRatePlot</name>
    <message>
        <source>put: into the queue ({n})</source>
        <translation>put：放入队列 ({n})</translation>
    </message>
    <message>
        <source>got: out of it ({n})</source>
        <translation>get：从队列取出 ({n})</translation>
    </message>
    <message>
        <source>average over the last {s} s</source>
        <translation>最近 {s} s 的平均值</translation>
    </message>
</context>
<context>
    <name>LaneText</name>
    <message>
        <source>object {n}</source>
        <translation>对象 {n}</translation>
    </message>
    <message>
        <source>put_nowait at {t} raised queue.Full — this item was lost</source>
        <translation>{t} 时 put_nowait 抛出 queue.Full — 这一项丢失了</translation>
    </message>
    <message>
        <source>(nobody yet): sent at {t}, still waiting to be taken</source>
        <translation>（还没有人）：{t} 时发送，仍在等待被取走</translation>
    </message>
    <message>
        <source>(nobody yet): put at {t}, still waiting to be taken</source>
        <translation>（还没有人）：{t} 时放入，仍在等待被取走</translation>
    </message>
    <message>
        <source>received at {t}</source>
        <translation>{t} 时收到</translation>
    </message>
    <message>
        <source>got at {t}</source>
        <translation>{t} 时取出</translation>
    </message>
    <message>
        <source>sent at {sent}, received at {got} — {waited} in the pipe</source>
        <translation>{sent} 时发送，{got} 时收到 — 在管道里 {waited}</translation>
    </message>
    <message>
        <source>put at {sent}, got at {got} — {waited} in the queue</source>
        <translation>{sent} 时放入，{got} 时取出 — 在队列里 {waited}</translation>
    </message>
    <message>
        <source>since {t}</source>
        <translation>自 {t} 起</translation>
    </message>
    <message>
        <source> (= {d} at 1× speed)</source>
        <translation>（1× 速度下 = {d}）</translation>
    </message>
    <message>
        <source>{state}{where} for {d}</source>
        <translation>{state}{where}，持续 {d}</translation>
    </message>
    <message>
        <source>{name} exited at {t}: {why} (exit code {code})</source>
        <translation>{name} 于 {t} 退出：{why}（退出码 {code}）</translation>
    </message>
    <message>
        <source>{name} read {key} = {value} at {t} (each is one round trip to the Manager process)</source>
        <translation>{name} 于 {t} 读 {key} = {value}（每次都是到 Manager 进程的一次往返）</translation>
    </message>
    <message>
        <source>{name} wrote {key} = {value} at {t} (each is one round trip to the Manager process)</source>
        <translation>{name} 于 {t} 写 {key} = {value}（每次都是到 Manager 进程的一次往返）</translation>
    </message>
</context>
<context>
    <name>LanesItem</name>
    <message>
        <source>= {duration} at 1×</source>
        <translation>1× 时 = {duration}</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>What to watch</source>
        <translation>看什么</translation>
    </message>
    <message>
        <source>Run summary</source>
        <translation>运行汇总</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>working</source>
        <translation>工作中</translation>
    </message>
    <message>
        <source>Event log</source>
        <translation>事件日志</translation>
    </message>
    <message>
        <source>Source code</source>
        <translation>源代码</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>IPC Scope — watch Python processes talk</source>
        <translation>IPC Scope — 看 Python 进程如何通信</translation>
    </message>
    <message>
        <source>The speed scales a scenario&apos;s sleeps and timeouts; a program of your own runs at its own pace.</source>
        <translation>速度缩放场景中的 time.sleep 和超时；你自己的程序按它自己的节奏运行。</translation>
    </message>
    <message>
        <source>Fix the parameter marked in the form first.</source>
        <translation>请先修正表单中标出的参数。</translation>
    </message>
    <message>
        <source>Stopping: every process ends within 2 s…</source>
        <translation>正在停止：每个进程都会在 2 s 内结束…</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Close this message</source>
        <translation>关闭此消息</translation>
    </message>
</context>
<context>
    <name>PanelToggles</name>
    <message>
        <source>Scenarios and parameters</source>
        <translation>场景和参数</translation>
    </message>
    <message>
        <source>Run summary and findings</source>
        <translation>运行汇总和发现</translation>
    </message>
    <message>
        <source>Source code and event log</source>
        <translation>源代码和事件日志</translation>
    </message>
</context>
<context>
    <name>ParamForm</name>
    <message>
        <source>Reset to the article&apos;s values</source>
        <translation>恢复文章中的数值</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>arguments</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>What follows `python script.py` on a command line; quotes group words as in a shell.</source>
        <translation>命令行中 `python script.py` 后面的内容；引号像在 shell 中一样把词分组。</translation>
    </message>
</context>
<context>
    <name>PipeTrafficPlot</name>
    <message>
        <source>Pipe: {sent} sent, {received} received whole</source>
        <translation>管道：发送 {sent}，完整收到 {received}</translation>
    </message>
    <message>
        <source> — {n} never arrived whole</source>
        <translation> — {n} 个没有完整到达</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>received whole</source>
        <translation>完整收到</translation>
    </message>
    <message>
        <source>arrived broken ({n})</source>
        <translation>收到损坏 ({n})</translation>
    </message>
</context>
<context>
    <name>PredictDialog</name>
    <message>
        <source>yes</source>
        <translation>会</translation>
    </message>
    <message>
        <source>no</source>
        <translation>不会</translation>
    </message>
    <message>
        <source>none</source>
        <translation>没有</translation>
    </message>
    <message>
        <source>Predict, then run</source>
        <translation>先预测, 再运行</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>Skip: the room answers by show of hands</source>
        <translation>跳过: 大家举手回答</translation>
    </message>
</context>
<context>
    <name>PredictFirst</name>
    <message>
        <source>Predict first</source>
        <translation>先预测</translation>
    </message>
    <message>
        <source>Before each run, ask what it will do; afterwards, say who was right</source>
        <translation>每次运行前先问它会怎样; 运行后说出谁猜对了</translation>
    </message>
    <message>
        <source>The run ended before it could answer.</source>
        <translation>运行在给出答案之前就结束了。</translation>
    </message>
    <message>
        <source>The run says: %1.</source>
        <translation>运行结果: %1。</translation>
    </message>
    <message>
        <source>Right!</source>
        <translation>答对了!</translation>
    </message>
    <message>
        <source>Wrong.</source>
        <translation>答错了。</translation>
    </message>
    <message>
        <source>Your answer: %1.</source>
        <translation>你的回答: %1。</translation>
    </message>
</context>
<context>
    <name>Presenter</name>
    <message>
        <source>Presenter</source>
        <translation>演示模式</translation>
    </message>
    <message>
        <source>Full screen, plots and code only, large type (F11; Esc leaves)</source>
        <translation>全屏，只显示图表和代码，大字体（F11；Esc 退出）</translation>
    </message>
</context>
<context>
    <name>QueueDepthPlot</name>
    <message>
        <source>capacity {n}</source>
        <translation>容量 {n}</translation>
    </message>
    <message>
        <source>unfinished tasks (join waits for 0)</source>
        <translation>未完成任务（join 等它变成 0）</translation>
    </message>
    <message>
        <source>Full: item lost ({n})</source>
        <translation>Full：数据项丢失 ({n})</translation>
    </message>
    <message>
        <source>Empty raised ({n})</source>
        <translation>抛出 Empty ({n})</translation>
    </message>
    <message>
        <source>None (sentinel) taken</source>
        <translation>取到 None（哨兵）</translation>
    </message>
</context>
<context>
    <name>RepeatAction</name>
    <message>
        <source>edited code</source>
        <translation>修改后的代码</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>Run ×N</source>
        <translation>运行 ×N</translation>
    </message>
    <message>
        <source>Run it many times, several at once, and see the distribution of its outcome</source>
        <translation>运行很多次、几个同时进行，看结果的分布</translation>
    </message>
</context>
<context>
    <name>RepeatWindow</name>
    <message>
        <source>expected {value}</source>
        <translation>预期 {value}</translation>
    </message>
    <message>
        <source>runs</source>
        <translation>运行次数</translation>
    </message>
    <message>
        <source>min {low}, median {middle}, max {high}</source>
        <translation>最小 {low}，中位数 {middle}，最大 {high}</translation>
    </message>
    <message>
        <source>How the runs ended</source>
        <translation>各次运行如何结束</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>发现</translation>
    </message>
    <message>
        <source>{kind}: in {runs} runs</source>
        <translation>{kind}：{runs} 次运行中出现</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>processes left behind: {n}</source>
        <translation>遗留的进程：{n}</translation>
    </message>
    <message>
        <source>{done} of {total} runs, {jobs} at once, {s:.1f} s</source>
        <translation>已完成 {done}/{total} 次，同时 {jobs} 个，{s:.1f} 秒</translation>
    </message>
    <message>
        <source>stopped: {done} of {total} runs in {s:.1f} s</source>
        <translation>已停止：{s:.1f} 秒内完成 {done}/{total} 次</translation>
    </message>
    <message>
        <source>{done} runs in {s:.1f} s</source>
        <translation>{s:.1f} 秒内完成 {done} 次</translation>
    </message>
    <message>
        <source>No run of this bar was recorded: IPC Scope keeps a few runs of each outcome. Run again to record others.</source>
        <translation>这根柱子没有保存的运行：IPC Scope 每种结果只保存几次。再运行一次可以保存其他的。</translation>
    </message>
    <message>
        <source>Run {n} is open in the main window.</source>
        <translation>第 {n} 次运行已在主窗口打开。</translation>
    </message>
    <message>
        <source>Run ×N — IPC Scope</source>
        <translation>运行 ×N — IPC Scope</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Run again</source>
        <translation>再运行</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Histogram of</source>
        <translation>直方图：</translation>
    </message>
    <message>
        <source>Click a bar to open one of its runs in the main window.</source>
        <translation>点击一根柱子，在主窗口打开其中一次运行。</translation>
    </message>
    <message>
        <source>how the runs ended</source>
        <translation>运行如何结束</translation>
    </message>
</context>
<context>
    <name>ReplayBar</name>
    <message>
        <source>Replay</source>
        <translation>回放</translation>
    </message>
    <message>
        <source>Previous event of the chosen process (Left)</source>
        <translation>所选进程的上一个事件 (Left)</translation>
    </message>
    <message>
        <source>Next event of the chosen process (Right)</source>
        <translation>所选进程的下一个事件 (Right)</translation>
    </message>
    <message>
        <source>Play / pause the replay (Space)</source>
        <translation>播放 / 暂停回放 (Space)</translation>
    </message>
    <message>
        <source>Drag to any moment of the run</source>
        <translation>拖到运行的任意时刻</translation>
    </message>
    <message>
        <source>Replay speed (Up / Down)</source>
        <translation>回放速度 (Up / Down)</translation>
    </message>
    <message>
        <source>Whose events the step buttons (Left / Right) go to</source>
        <translation>单步按钮 (Left / Right) 跳到谁的事件</translation>
    </message>
    <message>
        <source>Previous finding (Ctrl+Left)</source>
        <translation>上一个发现 (Ctrl+Left)</translation>
    </message>
    <message>
        <source>Next finding (Ctrl+Right)</source>
        <translation>下一个发现 (Ctrl+Right)</translation>
    </message>
    <message>
        <source>any process</source>
        <translation>任意进程</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
</context>
<context>
    <name>RunSession</name>
    <message>
        <source>summing up the run</source>
        <translation>正在汇总运行</translation>
    </message>
    <message>
        <source> — view paused</source>
        <translation> — 视图已暂停</translation>
    </message>
    <message>
        <source>replay at {speed}×</source>
        <translation>以 {speed}× 回放</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>{alive} processes alive · {rate} events/s · {dropped} dropped</source>
        <translation>{alive} 个进程存活 · {rate} 事件/s · 丢弃 {dropped}</translation>
    </message>
</context>
<context>
    <name>RunToolbar</name>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Run the scenario (Space)</source>
        <translation>运行场景 (Space)</translation>
    </message>
    <message>
        <source>Freeze the view while the run goes on (Space)</source>
        <translation>冻结视图，运行照常继续 (Space)</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop the run: every process ends within 2 s (Esc)</source>
        <translation>停止运行：每个进程都会在 2 s 内结束 (Esc)</translation>
    </message>
    <message>
        <source> speed </source>
        <translation> 速度 </translation>
    </message>
    <message>
        <source>How many seconds the plots show while following the run</source>
        <translation>跟随运行时图表显示多少秒</translation>
    </message>
    <message>
        <source>  window </source>
        <translation>  窗口 </translation>
    </message>
    <message>
        <source>Show all</source>
        <translation>显示全部</translation>
    </message>
    <message>
        <source>Show the whole run on the time axis</source>
        <translation>在时间轴上显示整个运行</translation>
    </message>
    <message>
        <source>Large text</source>
        <translation>大字体</translation>
    </message>
    <message>
        <source>Bigger text and lanes for a projector (Ctrl+L)</source>
        <translation>更大的文字和泳道，适合投影仪 (Ctrl+L)</translation>
    </message>
    <message>
        <source>Scale the scenario&apos;s sleeps and timeouts (1× = the article)</source>
        <translation>缩放场景中的 time.sleep 和超时（1× = 文章中的速度）</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
</context>
<context>
    <name>RunView</name>
    <message>
        <source>seconds since the start</source>
        <translation>自开始以来的秒数</translation>
    </message>
    <message>
        <source> (run at {speed}× speed)</source>
        <translation>（以 {speed}× 速度运行）</translation>
    </message>
</context>
<context>
    <name>ScenarioPanel</name>
    <message>
        <source>Your programs</source>
        <translation>你的程序</translation>
    </message>
    <message>
        <source>Open script… (Ctrl+Shift+O) or drop a .py file on the window</source>
        <translation>打开脚本… (Ctrl+Shift+O) 或把 .py 文件拖到窗口上</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>What to watch</source>
        <translation>看什么</translation>
    </message>
    <message>
        <source>Remove from list</source>
        <translation>从列表中移除</translation>
    </message>
</context>
<context>
    <name>SharedCounterPlot</name>
    <message>
        <source>Shared counter: {value} after {n} subtractions from {start}; should be {expected}</source>
        <translation>共享计数器：从 {start} 减了 {n} 次后是 {value}；应该是 {expected}</translation>
    </message>
    <message>
        <source> — {n} lost</source>
        <translation> — 丢失 {n}</translation>
    </message>
    <message>
        <source>value written</source>
        <translation>写入的值</translation>
    </message>
    <message>
        <source>start − writes (no update lost)</source>
        <translation>初值 − 写入次数（没有丢失更新）</translation>
    </message>
    <message>
        <source>expected end {n}</source>
        <translation>预期终值 {n}</translation>
    </message>
    <message>
        <source>lost: wrote a value already written</source>
        <translation>丢失：写入了已经写过的值</translation>
    </message>
</context>
<context>
    <name>SourceView</name>
    <message>
        <source>the source of {id} is not available</source>
        <translation>{id} 的源代码不可用</translation>
    </message>
    <message>
        <source>{path} cannot be read: {why}</source>
        <translation>无法读取 {path}：{why}</translation>
    </message>
    <message>
        <source>Not started: line {line} cannot run ({error}).</source>
        <translation>没有启动：第 {line} 行无法运行（{error}）。</translation>
    </message>
    <message>
        <source>Not started: the code cannot run ({error}).</source>
        <translation>没有启动：代码无法运行（{error}）。</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Change the code, then Run runs what is shown here</source>
        <translation>修改代码后，运行会运行这里显示的代码</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>还原</translation>
    </message>
    <message>
        <source>Back to the original code</source>
        <translation>回到原来的代码</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>另存为…</translation>
    </message>
    <message>
        <source>Write this code to a .py file, listed under Your programs (a scenario&apos;s with its parameters, as a program of its own)</source>
        <translation>把这段代码写入 .py 文件, 列在&quot;你的程序&quot;下 (场景的代码连同它的参数, 成为一个独立的程序)</translation>
    </message>
    <message>
        <source>Edited: Run runs this code</source>
        <translation>已修改：运行会运行这段代码</translation>
    </message>
    <message>
        <source>Save the code as</source>
        <translation>代码另存为</translation>
    </message>
    <message>
        <source>Python programs (*.py)</source>
        <translation>Python 程序 (*.py)</translation>
    </message>
    <message>
        <source>{path} cannot be written: {why}</source>
        <translation>无法写入 {path}：{why}</translation>
    </message>
</context>
<context>
    <name>SummaryPanel</name>
    <message>
        <source>{alive} processes alive · {events} events</source>
        <translation>{alive} 个进程存活 · {events} 个事件</translation>
    </message>
    <message>
        <source>· {at} of {end} s</source>
        <translation>· {at} / {end} s</translation>
    </message>
    <message>
        <source>{shown} of {total} events so far; the run ended &lt;b&gt;{status}&lt;/b&gt;</source>
        <translation>目前 {shown} / {total} 个事件；运行结束时为 &lt;b&gt;{status}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>{put} put, {got} got, Full {full}, Empty {empty}</source>
        <translation>put {put}，get {got}，Full {full}，Empty {empty}</translation>
    </message>
    <message>
        <source>{sent} sent, {received} received, {broken} broken</source>
        <translation>发送 {sent}，收到 {received}，损坏 {broken}</translation>
    </message>
    <message>
        <source>none (it did not end by itself)</source>
        <translation>无（它没有自己结束）</translation>
    </message>
    <message>
        <source>Program:</source>
        <translation>程序：</translation>
    </message>
    <message>
        <source>Exit code:</source>
        <translation>退出码：</translation>
    </message>
    <message>
        <source>in {s} s</source>
        <translation>用时 {s} s</translation>
    </message>
    <message>
        <source>as predicted</source>
        <translation>与预测一致</translation>
    </message>
    <message>
        <source>NOT as predicted: </source>
        <translation>与预测不符：</translation>
    </message>
    <message>
        <source>Predicted:</source>
        <translation>预测：</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>进程</translation>
    </message>
    <message>
        <source>(how each left, exit code)</source>
        <translation>（各自如何离开，退出码）</translation>
    </message>
    <message>
        <source>{events} events, {dropped} dropped, {left} processes left behind</source>
        <translation>{events} 个事件，丢弃 {dropped}，遗留 {left} 个进程</translation>
    </message>
    <message>
        <source>{name} crashed:</source>
        <translation>{name} 崩溃了：</translation>
    </message>
    <message>
        <source>Run summary</source>
        <translation>运行汇总</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;Run&lt;/b&gt; (or Space) to start the scenario.</source>
        <translation>按 &lt;b&gt;运行&lt;/b&gt;（或空格键）开始场景。</translation>
    </message>
    <message>
        <source>Findings ({n})</source>
        <translation>发现 ({n})</translation>
    </message>
    <message>
        <source>IPC Scope itself hit an error; the run was stopped:</source>
        <translation>IPC Scope 自身出错，运行已停止：</translation>
    </message>
</context>
<context>
    <name>TimePlot</name>
    <message>
        <source>Shared counter</source>
        <translation>共享计数器</translation>
    </message>
    <message>
        <source>counter</source>
        <translation>计数器</translation>
    </message>
    <message>
        <source>Queue depth</source>
        <translation>队列深度</translation>
    </message>
    <message>
        <source>items</source>
        <translation>项</translation>
    </message>
    <message>
        <source>What each process is doing</source>
        <translation>每个进程在做什么</translation>
    </message>
    <message>
        <source>Pipe: sent vs received</source>
        <translation>管道：发送与接收</translation>
    </message>
    <message>
        <source>messages</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Items a second</source>
        <translation>每秒数据项</translation>
    </message>
    <message>
        <source>items/s</source>
        <translation>项/s</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>1 min</source>
        <translation>1 分钟</translation>
    </message>
    <message>
        <source>2 min</source>
        <translation>2 分钟</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
</context>
<context>
    <name>WatchPanel</name>
    <message>
        <source>What to watch.</source>
        <translation>看什么。</translation>
    </message>
    <message>
        <source>With these parameters, expect:</source>
        <translation>按这些参数，预期：</translation>
    </message>
</context>
<context>
    <name>colors</name>
    <message>
        <source>working</source>
        <translation>工作中</translation>
    </message>
    <message>
        <source>put blocked (queue full)</source>
        <translation>put 阻塞（队列满）</translation>
    </message>
    <message>
        <source>put blocked (full)</source>
        <translation>put 阻塞（满）</translation>
    </message>
    <message>
        <source>put blocked</source>
        <translation>put 阻塞</translation>
    </message>
    <message>
        <source>get waiting (queue empty)</source>
        <translation>get 等待（队列空）</translation>
    </message>
    <message>
        <source>get waits (empty)</source>
        <translation>get 等待（空）</translation>
    </message>
    <message>
        <source>waiting on get</source>
        <translation>get 等待中</translation>
    </message>
    <message>
        <source>waiting for a lock</source>
        <translation>等待锁</translation>
    </message>
    <message>
        <source>lock wait</source>
        <translation>等锁</translation>
    </message>
    <message>
        <source>holding a lock</source>
        <translation>持有锁</translation>
    </message>
    <message>
        <source>lock held</source>
        <translation>持有锁</translation>
    </message>
    <message>
        <source>holds lock</source>
        <translation>持有锁</translation>
    </message>
    <message>
        <source>blocked in recv()</source>
        <translation>阻塞在 recv()</translation>
    </message>
    <message>
        <source>recv() blocked</source>
        <translation>recv() 阻塞</translation>
    </message>
    <message>
        <source>recv blocked</source>
        <translation>recv 阻塞</translation>
    </message>
    <message>
        <source>waiting in join()</source>
        <translation>在 join() 中等待</translation>
    </message>
    <message>
        <source>join() wait</source>
        <translation>join() 等待</translation>
    </message>
    <message>
        <source>join wait</source>
        <translation>join 等待</translation>
    </message>
    <message>
        <source>held at the start gate</source>
        <translation>停在起跑门</translation>
    </message>
    <message>
        <source>start gate</source>
        <translation>起跑门</translation>
    </message>
    <message>
        <source>returned, not gone yet</source>
        <translation>已返回，尚未退出</translation>
    </message>
    <message>
        <source>not gone yet</source>
        <translation>尚未退出</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>exit, why</source>
        <translation>退出及原因</translation>
    </message>
    <message>
        <source>got None → left</source>
        <translation>取到 None → 离开</translation>
    </message>
    <message>
        <source>get() timed out → left</source>
        <translation>get() 超时 → 离开</translation>
    </message>
    <message>
        <source>EOFError → left</source>
        <translation>EOFError → 离开</translation>
    </message>
    <message>
        <source>queue.Empty → left</source>
        <translation>queue.Empty → 离开</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>terminated (SIGTERM)</source>
        <translation>被终止 (SIGTERM)</translation>
    </message>
    <message>
        <source>stopped by IPC Scope</source>
        <translation>被 IPC Scope 停止</translation>
    </message>
    <message>
        <source>vanished</source>
        <translation>消失了</translation>
    </message>
    <message>
        <source>crashed: </source>
        <translation>崩溃：</translation>
    </message>
    <message>
        <source>exited</source>
        <translation>已退出</translation>
    </message>
    <message>
        <source>put/sent</source>
        <translation>put/发送</translation>
    </message>
    <message>
        <source>got/received</source>
        <translation>get/接收</translation>
    </message>
</context>
<context>
    <name>core</name>
    <message>
        <source>running</source>
        <translation>运行中</translation>
    </message>
    <message>
        <source>replay</source>
        <translation>回放</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stalled</source>
        <translation>卡住</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>崩溃</translation>
    </message>
    <message>
        <source>timeout</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Watch the queue depth fall to zero after the last food, then the lane of the consumer who did not get None: she waits (sky blue) a full five seconds before she leaves on a timeout. Set sentinels to per-consumer and both leave at once.</source>
        <translation>看最后一份食物之后队列深度降到零，再看没有拿到 None 的那个消费者的泳道：她等待（天蓝色）整整五秒，才因超时离开。把 sentinels 设为 per-consumer，两个消费者就会同时离开。</translation>
    </message>
    <message>
        <source>Watch the producers: after their last put they wait in join() (a waiting span) until the consumers have marked every item done. Switch task_done off: every process ends up waiting, nothing moves, and the run is called stalled.</source>
        <translation>看生产者：最后一次 put 之后，它们在 join() 中等待（一段等待），直到消费者把每一项都标记为完成。关掉 task_done：每个进程最终都在等待，什么都不动，这次运行被判定为卡住。</translation>
    </message>
    <message>
        <source>Watch the depth climb to the capacity line and stay there, while the producers&apos; lanes turn to &apos;blocked on put&apos;. With mode put_nowait, ✕ marks show each item lost to Full; the ○ at the end is get_nowait meeting an empty queue.</source>
        <translation>看队列深度升到容量线并停在那里，同时生产者的泳道变成“put 阻塞”。mode 为 put_nowait 时，✕ 标出每个因 Full 丢失的数据项；最后的 ○ 是 get_nowait 遇到空队列。</translation>
    </message>
    <message>
        <source>Watch the child&apos;s lane after the twentieth message: with the ends closed it gets EOFError and exits; with close_unused_ends off it turns to &apos;blocked in recv&apos; and stays there, while main waits to join it.</source>
        <translation>看第二十条消息之后子进程的泳道：关闭了不用的端，它会得到 EOFError 并退出；关掉 close_unused_ends，它会变成“recv 阻塞”并一直停在那里，而主进程在等着 join 它。</translation>
    </message>
    <message>
        <source>Compare sent with received intact in the third plot. Without the lock the three consumers wait in recv() on the same end at once; with the article&apos;s 10 messages they are often lucky, so try 100: messages vanish or arrive broken, and a consumer may die on one. With lock on, consumers take turns (orange: waiting for the lock) and none is lost.</source>
        <translation>在第三个图中比较已发送和完整收到的数量。没有锁时，三个消费者同时在同一端的 recv() 上等待；用文章中的 10 条消息它们常常运气不错，所以试试 100 条：消息会消失或损坏，消费者可能因此崩溃。打开 lock，消费者轮流读取（橙色：等待锁），一条也不会丢。</translation>
    </message>
    <message>
        <source>Watch the counter against its expected line: without the lock it stops above 30, and the gap is the number of lost updates. With the lock, lanes take turns (orange waiting, purple holding) and the counter lands exactly on 30.</source>
        <translation>对照预期线看计数器：没有锁时它停在 30 以上，差值就是丢失的更新次数。有锁时，各泳道轮流进行（橙色等待，紫色持有），计数器正好落在 30。</translation>
    </message>
    <message>
        <source>Watch items/s in and out, and how deep the queue gets when the producer runs ahead.</source>
        <translation>看每秒进出的数据项，以及生产者跑在前面时队列有多深。</translation>
    </message>
    <message>
        <source>With drain_first off, watch the worker&apos;s lane after its last put: finished but not gone, while main waits to join it and the queue depth stays up. Nothing moves; IPC Scope names the deadlock. Turn drain_first on: main reads, then joins at once.</source>
        <translation>关掉 drain_first，看 Worker 进程最后一次 put 之后的泳道：已经结束却没有退出，而主进程在等着 join 它，队列深度一直不降。什么都不动；IPC Scope 指出这是死锁。打开 drain_first：主进程先读完，然后立即 join。</translation>
    </message>
    <message>
        <source>producers</source>
        <translation>生产者</translation>
    </message>
    <message>
        <source>consumers</source>
        <translation>消费者</translation>
    </message>
    <message>
        <source>items</source>
        <translation>数据项数</translation>
    </message>
    <message>
        <source>sentinels</source>
        <translation>哨兵 (sentinels)</translation>
    </message>
    <message>
        <source>start method</source>
        <translation>启动方式</translation>
    </message>
    <message>
        <source>task done</source>
        <translation>task_done</translation>
    </message>
    <message>
        <source>capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <source>messages</source>
        <translation>消息数</translation>
    </message>
    <message>
        <source>close unused ends</source>
        <translation>关闭不用的端</translation>
    </message>
    <message>
        <source>lock</source>
        <translation>锁</translation>
    </message>
    <message>
        <source>release together</source>
        <translation>同时放行</translation>
    </message>
    <message>
        <source>processes</source>
        <translation>进程数</translation>
    </message>
    <message>
        <source>start</source>
        <translation>初值</translation>
    </message>
    <message>
        <source>item bytes</source>
        <translation>每项字节数</translation>
    </message>
    <message>
        <source>drain first</source>
        <translation>先取完再 join</translation>
    </message>
    <message>
        <source>How many shops make food.</source>
        <translation>有几家店做食物。</translation>
    </message>
    <message>
        <source>How many people eat.</source>
        <translation>有几个人吃。</translation>
    </message>
    <message>
        <source>Foods each shop makes (the article: 10).</source>
        <translation>每家店做几份食物（文章中：10）。</translation>
    </message>
    <message>
        <source>one: main puts a single None (the article); per-consumer: one None each.</source>
        <translation>one：主进程只放一个 None（文章的写法）；per-consumer：每个消费者一个 None。</translation>
    </message>
    <message>
        <source>How the scenario&apos;s main starts its children (spawn works everywhere).</source>
        <translation>场景的主进程如何启动子进程（spawn 在所有系统上都可用）。</translation>
    </message>
    <message>
        <source>How many people eat (daemon processes).</source>
        <translation>有几个人吃（守护进程）。</translation>
    </message>
    <message>
        <source>Consumers call q.task_done() after each food.</source>
        <translation>消费者每吃一份食物就调用 q.task_done()。</translation>
    </message>
    <message>
        <source>How many fast producers.</source>
        <translation>有几个快的生产者。</translation>
    </message>
    <message>
        <source>How many slow consumers.</source>
        <translation>有几个慢的消费者。</translation>
    </message>
    <message>
        <source>Items each producer makes.</source>
        <translation>每个生产者生产几项。</translation>
    </message>
    <message>
        <source>Queue(capacity): the article&apos;s Queue(5).</source>
        <translation>Queue(capacity)：文章中的 Queue(5)。</translation>
    </message>
    <message>
        <source>put waits when full; put_nowait raises Full.</source>
        <translation>put 在队列满时等待；put_nowait 抛出 Full。</translation>
    </message>
    <message>
        <source>How many &apos;hello&apos; main sends (the article: 20).</source>
        <translation>主进程发送几个 “hello”（文章中：20）。</translation>
    </message>
    <message>
        <source>Each process closes the pipe end it does not use (the article does).</source>
        <translation>每个进程关闭它不用的管道端（文章中就是这样做的）。</translation>
    </message>
    <message>
        <source>Messages the producer sends (the article: 10).</source>
        <translation>生产者发送的消息数（文章中：10）。</translation>
    </message>
    <message>
        <source>Consumers reading the same end (the article: 3).</source>
        <translation>读同一端的消费者数（文章中：3）。</translation>
    </message>
    <message>
        <source>Consumers hold a Lock around recv().</source>
        <translation>消费者在 recv() 前后持有一个 Lock。</translation>
    </message>
    <message>
        <source>Start all processes, then release them at once, so consumers read together.</source>
        <translation>先启动所有进程，再同时放行，让消费者一起读。</translation>
    </message>
    <message>
        <source>Processes that each subtract one (the article: 70).</source>
        <translation>每个减一的进程数（文章中：70）。</translation>
    </message>
    <message>
        <source>The counter&apos;s first value (the article: 100).</source>
        <translation>计数器的初值（文章中：100）。</translation>
    </message>
    <message>
        <source>Hold a Lock around dic[&apos;count&apos;] -= 1.</source>
        <translation>在 dic[&apos;count&apos;] -= 1 前后持有一个 Lock。</translation>
    </message>
    <message>
        <source>Start all processes, then release them at once, so they really race.</source>
        <translation>先启动所有进程，再同时放行，让它们真正竞争。</translation>
    </message>
    <message>
        <source>How many items go through the queue.</source>
        <translation>有多少项经过队列。</translation>
    </message>
    <message>
        <source>Items the worker puts.</source>
        <translation>Worker 进程放入的项数。</translation>
    </message>
    <message>
        <source>Size of each item in bytes.</source>
        <translation>每项的大小（字节）。</translation>
    </message>
    <message>
        <source>Main gets every item before it joins.</source>
        <translation>主进程先取出所有项，再 join。</translation>
    </message>
    <message>
        <source>completed: {0} consumer(s) leave on None, {1} only when get(timeout={2}) gives up</source>
        <translation>已完成：{0} 个消费者拿到 None 离开，{1} 个要等 get(timeout={2}) 放弃才离开</translation>
    </message>
    <message>
        <source>completed: {0} consumer(s) leave on None</source>
        <translation>已完成：{0} 个消费者拿到 None 离开</translation>
    </message>
    <message>
        <source>completed: every item eaten and marked done, producers&apos; join() returns, main ends and its daemon consumers with it</source>
        <translation>已完成：每一项都被吃掉并标记完成，生产者的 join() 返回，主进程结束，它的守护消费者也随之结束</translation>
    </message>
    <message>
        <source>stalled: no task_done(), so q.join() never returns; IPC Scope ends the run</source>
        <translation>卡住：没有 task_done()，所以 q.join() 永远不返回；IPC Scope 结束这次运行</translation>
    </message>
    <message>
        <source>completed: the queue fills to its capacity and producers wait in put</source>
        <translation>已完成：队列填满到容量，生产者在 put 中等待</translation>
    </message>
    <message>
        <source>completed: the queue fills; put_nowait raises Full and those items are lost</source>
        <translation>已完成：队列填满；put_nowait 抛出 Full，那些数据项丢失</translation>
    </message>
    <message>
        <source>completed: the child gets all messages, then EOFError</source>
        <translation>已完成：子进程收到全部消息，然后得到 EOFError</translation>
    </message>
    <message>
        <source>stalled: the child gets all messages, then waits in recv() forever, because it still holds the sending end itself</source>
        <translation>卡住：子进程收到全部消息，然后永远等在 recv() 中，因为它自己还持有发送端</translation>
    </message>
    <message>
        <source>messages are lost or corrupted when consumers read one end at once; a consumer may die on a corrupt one</source>
        <translation>消费者同时读同一端时，消息会丢失或损坏；消费者可能因损坏的消息而崩溃</translation>
    </message>
    <message>
        <source>completed: every message arrives whole</source>
        <translation>已完成：每条消息都完整到达</translation>
    </message>
    <message>
        <source>completed above {0}: updates are lost</source>
        <translation>已完成，但高于 {0}：有更新丢失</translation>
    </message>
    <message>
        <source>completed at exactly {0}</source>
        <translation>已完成，正好是 {0}</translation>
    </message>
    <message>
        <source>completed: all {0} items arrive</source>
        <translation>已完成：全部 {0} 项都到达</translation>
    </message>
    <message>
        <source>stalled: main waits to join Worker, Worker waits to flush its data into the queue&apos;s full pipe</source>
        <translation>卡住：主进程等着 join Worker，Worker 等着把数据写进队列已满的管道</translation>
    </message>
    <message>
        <source>completed: main reads everything, then joins</source>
        <translation>已完成：主进程先读完所有数据，再 join</translation>
    </message>
    <message>
        <source>items made</source>
        <translation>生产的项</translation>
    </message>
    <message>
        <source>items eaten</source>
        <translation>吃掉的项</translation>
    </message>
    <message>
        <source>sentinels put</source>
        <translation>放入的哨兵</translation>
    </message>
    <message>
        <source>sentinels got</source>
        <translation>取到的哨兵</translation>
    </message>
    <message>
        <source>unfinished tasks</source>
        <translation>未完成任务</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>received intact</source>
        <translation>完整收到</translation>
    </message>
    <message>
        <source>corrupt</source>
        <translation>损坏</translation>
    </message>
    <message>
        <source>lost or corrupt</source>
        <translation>丢失或损坏</translation>
    </message>
    <message>
        <source>decrements</source>
        <translation>减一次数</translation>
    </message>
    <message>
        <source>expected</source>
        <translation>预期</translation>
    </message>
    <message>
        <source>final</source>
        <translation>最终</translation>
    </message>
    <message>
        <source>lost updates</source>
        <translation>丢失的更新</translation>
    </message>
    <message>
        <source>items got</source>
        <translation>取到的项</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>items per s</source>
        <translation>每秒项数</translation>
    </message>
    <message>
        <source>max depth</source>
        <translation>最大深度</translation>
    </message>
    <message>
        <source>waits on get</source>
        <translation>get 等待次数</translation>
    </message>
    <message>
        <source>items lost to full</source>
        <translation>因 Full 丢失的项</translation>
    </message>
    <message>
        <source>get nowait empty</source>
        <translation>get_nowait 遇到 Empty</translation>
    </message>
    <message>
        <source>{0} process(es) left behind</source>
        <translation>遗留了 {0} 个进程</translation>
    </message>
    <message>
        <source>ended {0}, expected {1}</source>
        <translation>结束时为{0}，预期为{1}</translation>
    </message>
    <message>
        <source>ended {0}, expected {1} or {2}</source>
        <translation>结束时为{0}，预期为{1}或{2}</translation>
    </message>
</context>
</TS>
