@echo off
rem TFLM Studio launcher for Windows: builds the project on first use, then runs the app, or the command line when
rem given a subcommand (tflm-studio --help lists them), as ./tflm-studio does on Linux and macOS.
rem It rebuilds only when the build is missing: after changing the sources, set TFLM_STUDIO_REBUILD=1 once.
setlocal
set "HERE=%~dp0"
set "TARGET=%HERE%app-ui\target"
set "CP_FILE=%TARGET%\classpath.txt"
set "JAVA_EXE=java"
if defined JAVA_HOME set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"

if defined TFLM_STUDIO_REBUILD if exist "%CP_FILE%" del "%CP_FILE%"
if not exist "%CP_FILE%" (
  echo tflm-studio: building ^(first run; this takes a minute^)... 1>&2
  pushd "%HERE%"
  call mvnw.cmd -B -q -ntp -Dmaven.test.skip=true package 1>&2
  if errorlevel 1 (
    popd
    echo tflm-studio: build failed; run "mvnw.cmd -B verify" to see why 1>&2
    exit /b 1
  )
  popd
)

rem The launcher jar holds the app's classes and the graph layout library (see app-ui\pom.xml).
set "APP_JAR="
for %%f in ("%TARGET%\app-ui-*-launcher.jar") do set "APP_JAR=%%~ff"
if not defined APP_JAR (
  echo tflm-studio: %TARGET% has no launcher jar; run "mvnw.cmd -B package -DskipTests" 1>&2
  exit /b 1
)
rem classpath.txt is one line of ';'-separated jars (well under cmd's 8191-character limit).
set "DEPS="
for /f "usebackq delims=" %%i in ("%CP_FILE%") do set "DEPS=%%i"

"%JAVA_EXE%" %TFLM_STUDIO_JAVA_OPTS% -cp "%APP_JAR%;%DEPS%" dev.tflmstudio.app.Main %*
exit /b %ERRORLEVEL%
